using DeepSeekOcr.Server.Completions;

namespace DeepSeekOcr.Server.Tests.Units;

/// <summary>max_tokens cuts the lines at a token boundary and says "length"; otherwise everything goes and "stop".</summary>
[TestFixture]
public sealed class OutputBudgetTests
{
    private static readonly string[] Lines = ["alpha beta", "", "gamma delta"];

    [Test]
    public void NoLimit_KeepsEveryLine_EachButTheFirstAfterItsNewline()
    {
        var output = OutputBudget.Apply(Lines, null);

        Assert.That(output.Pieces, Is.EqualTo(new[] { "alpha beta", "\n", "\ngamma delta" }));
        Assert.That(output.FinishReason, Is.EqualTo("stop"));
        Assert.That(output.CompletionTokens, Is.EqualTo(4));
    }

    [Test]
    public void LimitEqualToTheOutput_Stops()
    {
        var output = OutputBudget.Apply(Lines, 4);

        Assert.That(output.Text, Is.EqualTo("alpha beta\n\ngamma delta"));
        Assert.That(output.FinishReason, Is.EqualTo("stop"));
    }

    [TestCase(1, "alpha")]
    [TestCase(2, "alpha beta")]
    [TestCase(3, "alpha beta\n\ngamma")]
    [TestCase(0, "")]
    public void LimitBelowTheOutput_CutsAndSaysLength(int maxTokens, string expected)
    {
        var output = OutputBudget.Apply(Lines, maxTokens);

        Assert.That(output.Text, Is.EqualTo(expected));
        Assert.That(output.FinishReason, Is.EqualTo("length"));
        Assert.That(output.CompletionTokens, Is.EqualTo(maxTokens));
    }
}
