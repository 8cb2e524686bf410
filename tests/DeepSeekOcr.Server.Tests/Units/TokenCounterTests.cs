using DeepSeekOcr.Server.Completions;

namespace DeepSeekOcr.Server.Tests.Units;

/// <summary>The documented token rule: runs of letters and digits, and single other non-space characters.</summary>
[TestFixture]
public sealed class TokenCounterTests
{
    [TestCase("", 0)]
    [TestCase("   \n\t", 0)]
    [TestCase("Total: 4,218 books.", 7)]
    [TestCase("<|ref|>", 5)]
    [TestCase("Größe 12€", 3)]
    [TestCase("a😀b", 3)]
    public void Count_FollowsTheRule(string text, int tokens) => Assert.That(TokenCounter.Count(text), Is.EqualTo(tokens));

    [Test]
    public void PrefixLength_EndsRightAfterTheLastKeptToken()
    {
        var length = TokenCounter.PrefixLength("one, two  three", 3, out var tokens);

        Assert.That("one, two  three"[..length], Is.EqualTo("one, two"));
        Assert.That(tokens, Is.EqualTo(3));
    }

    [Test]
    public void PrefixLength_NeverSplitsASurrogatePair()
    {
        var length = TokenCounter.PrefixLength("😀😀", 1, out _);

        Assert.That(length, Is.EqualTo(2));
    }
}
