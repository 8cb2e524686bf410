using System.Globalization;
using System.Text.RegularExpressions;
using DeepSeekOcr.Server.Tests.Infrastructure;

namespace DeepSeekOcr.Server.Tests.Recognition;

/// <summary>The samples are read correctly (character error rate at most 2%) in each output form and image format.</summary>
[TestFixture]
public sealed partial class SampleRecognitionTests : ServerProcessFixture
{
    private const double MaxCharacterErrorRate = 0.02;


    [TestCase("scanned-page.png", "scanned-page")]
    [TestCase("receipt.png", "receipt")]
    [TestCase("screenshot.png", "screenshot")]
    [TestCase("receipt.jpg", "receipt")]
    [TestCase("receipt.webp", "receipt")]
    [TestCase("receipt.bmp", "receipt")]
    public async Task FreeOcr_ReadsTheSample(string file, string truth)
    {
        var content = await ChatRequests.ContentAsync(Server.Http, ChatRequests.For(Samples.DataUrl(file)));

        var cer = CharacterErrorRate.Of(content, Samples.GroundTruth(truth));
        TestContext.Out.WriteLine($"{file}: CER {cer:P2}");
        Assert.That(cer, Is.LessThanOrEqualTo(MaxCharacterErrorRate), content);
    }

    [Test]
    public async Task LightTextOnADarkBand_IsReadInverted()
    {
        var content = await ChatRequests.ContentAsync(Server.Http, ChatRequests.For(Samples.DataUrl("screenshot.png")));

        Assert.That(content.Split('\n')[0], Is.EqualTo("Settings - Network"));
    }

    [Test]
    public async Task Markdown_MakesHeadingsOfLargerType()
    {
        var content = await ChatRequests.ContentAsync(Server.Http, ChatRequests.For(Samples.DataUrl("scanned-page.png"), ChatRequests.MarkdownPlain));

        var lines = content.Split('\n');
        Assert.That(lines, Does.Contain("# Annual Report of the Harbour Library"));
        Assert.That(lines, Does.Contain("## Opening Hours"));
        Assert.That(lines.Count(line => line.StartsWith('#')), Is.EqualTo(2), "body text is not a heading");
    }

    [Test]
    public async Task Markdown_MakesATableOfColumns()
    {
        var content = await ChatRequests.ContentAsync(Server.Http, ChatRequests.For(Samples.DataUrl("receipt.png"), ChatRequests.MarkdownPlain));

        Assert.That(content, Does.Contain("| Item | Qty | Price |\n| --- | --- | --- |\n| Rye bread | 1 | 3.40 |"));
        Assert.That(content, Does.Contain("| Black coffee | 3 | 7.50 |"));
    }

    [Test]
    public async Task Grounding_GivesEachLineWithItsBoxIn0To999()
    {
        var content = await ChatRequests.ContentAsync(Server.Http, ChatRequests.For(Samples.DataUrl("receipt.png"), ChatRequests.Grounding));

        var lines = content.Split('\n');
        var texts = new List<string>();
        foreach (var line in lines)
        {
            var match = GroundedLine().Match(line);
            Assert.That(match.Success, Is.True, line);
            var box = Enumerable.Range(2, 4).Select(i => int.Parse(match.Groups[i].Value, CultureInfo.InvariantCulture)).ToArray();
            Assert.That(box, Has.All.InRange(0, 999));
            Assert.That(box[0], Is.LessThan(box[2]));
            Assert.That(box[1], Is.LessThan(box[3]));
            texts.Add(match.Groups[1].Value);
        }

        Assert.That(CharacterErrorRate.Of(string.Join('\n', texts), Samples.GroundTruth("receipt")), Is.LessThanOrEqualTo(MaxCharacterErrorRate));
        // The receipt's first line is in the top fifth of the image, its last in the bottom fifth.
        Assert.That(int.Parse(GroundedLine().Match(lines[0]).Groups[3].Value, CultureInfo.InvariantCulture), Is.LessThan(200));
        Assert.That(int.Parse(GroundedLine().Match(lines[^1]).Groups[5].Value, CultureInfo.InvariantCulture), Is.GreaterThan(800));
    }

    [Test]
    public async Task ParallelRequests_AllSucceed()
    {
        var work = Enumerable.Range(0, 9).Select(i => Samples.Pages[i % Samples.Pages.Length]).ToList();

        var contents = await Task.WhenAll(work.Select(name => ChatRequests.ContentAsync(Server.Http, ChatRequests.For(Samples.DataUrl(name + ".png")))));

        for (var i = 0; i < work.Count; i++)
        {
            Assert.That(CharacterErrorRate.Of(contents[i], Samples.GroundTruth(work[i])), Is.LessThanOrEqualTo(MaxCharacterErrorRate), work[i]);
        }
    }

    [GeneratedRegex(@"^<\|ref\|>(.+)<\|/ref\|><\|det\|>\[\[(\d+), (\d+), (\d+), (\d+)\]\]<\|/det\|>$")]
    private static partial Regex GroundedLine();
}
