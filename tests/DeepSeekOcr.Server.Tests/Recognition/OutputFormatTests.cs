using System.Text.RegularExpressions;
using DeepSeekOcr.Server.Ocr;
using DeepSeekOcr.Server.Tests.Infrastructure;

namespace DeepSeekOcr.Server.Tests.Recognition;

/// <summary>
/// Each mode's answer on the samples parses as DeepSeek-OCR's own format, and its boxes hold the words they name:
/// checked against Tesseract's own word boxes for the same image.
/// </summary>
[TestFixture]
public sealed partial class OutputFormatTests : ServerProcessFixture
{
    private const string GroundedMarkdown = "<image>\n<|grounding|>Convert the document to markdown.";

    private static readonly string[] Labels = ["title", "sub_title", "text", "table", "image", "image_caption"];


    [TestCaseSource(typeof(Samples), nameof(Samples.Pages))]
    public async Task GroundedMarkdown_IsLabelledBlocksWhoseBoxesHoldTheirWords(string name)
    {
        var content = await AskAsync(name, GroundedMarkdown);
        var page = TesseractWords.Read(name + ".png");

        var references = GroundedAnswer.Parse(content);
        Assert.That(references, Is.Not.Empty, content);
        Assert.That(content, Does.StartWith("<|ref|>"), "the answer is blocks from its first character");
        foreach (var block in content.Split("\n\n"))
        {
            Assert.That(block, Does.Match(@"^<\|ref\|>\w+<\|/ref\|><\|det\|>\[\[\d+, \d+, \d+, \d+\]\]<\|/det\|>(\n|$)"), "each block opens with its reference line");
        }

        var previousTop = -1;
        foreach (var reference in references)
        {
            Assert.That(Labels, Does.Contain(reference.Label));
            Assert.That(reference.Boxes, Has.Count.EqualTo(1));
            var box = reference.Boxes[0];
            Assert.That(box, Has.All.InRange(0, 999));
            Assert.That(box[0] < box[2] && box[1] < box[3], Is.True, string.Join(", ", box));
            Assert.That(box[1], Is.GreaterThanOrEqualTo(previousTop), "single-column samples read top to bottom");
            previousTop = box[1];
            switch (reference.Label)
            {
                case "title":
                    Assert.That(reference.Content, Does.StartWith("# "));
                    break;
                case "sub_title":
                    Assert.That(reference.Content, Does.StartWith("## "));
                    break;
                case "table":
                    Assert.That(reference.Content, Does.Match(@"^<table>(<tr>(<td>[^<]*</td>)+</tr>)+</table>$"));
                    break;
                case "image":
                    Assert.That(reference.Content, Is.Empty);
                    break;
            }

            AssertBoxHoldsWords(page, box, Words(reference.Content), reference.Label);
        }

        Assert.That(CharacterErrorRate.Of(string.Join(' ', references.Select(r => string.Join(' ', Words(r.Content)))), Samples.GroundTruth(name)), Is.LessThanOrEqualTo(0.02));
    }

    [Test]
    public async Task GroundedMarkdown_ScannedPage_HasTitleSubTitleAndText()
    {
        var references = GroundedAnswer.Parse(await AskAsync("scanned-page", GroundedMarkdown));

        Assert.That(references.Select(reference => reference.Label), Is.EqualTo(new[] { "title", "text", "sub_title", "text" }));
        Assert.That(references[0].Content, Is.EqualTo("# Annual Report of the Harbour Library"));
        Assert.That(references[2].Content, Is.EqualTo("## Opening Hours"));
    }

    [Test]
    public async Task GroundedMarkdown_Receipt_HasAnHtmlTable()
    {
        var references = GroundedAnswer.Parse(await AskAsync("receipt", GroundedMarkdown));

        var table = references.Single(reference => reference.Label == "table");
        Assert.That(table.Content, Does.StartWith("<table><tr><td>Item</td><td>Qty</td><td>Price</td></tr><tr><td>Rye bread</td><td>1</td><td>3.40</td></tr>"));
    }

    [TestCaseSource(typeof(Samples), nameof(Samples.Pages))]
    public async Task GroundedOcr_GivesEachLineWithABoxHoldingItsWords(string name)
    {
        var content = await AskAsync(name, ChatRequests.Grounding);
        var page = TesseractWords.Read(name + ".png");

        var references = GroundedAnswer.Parse(content);
        Assert.That(references, Has.Count.EqualTo(content.Split('\n').Length), "one reference per output line");
        foreach (var reference in references)
        {
            Assert.That(reference.Content, Is.Empty);
            Assert.That(reference.Boxes, Has.Count.EqualTo(1));
            AssertBoxHoldsWords(page, reference.Boxes[0], Words(reference.Label), reference.Label);
        }
    }

    [TestCase("receipt", "Apple tart")]
    [TestCase("receipt", "BAKERY")]
    [TestCase("scanned-page", "opening hours")]
    [TestCase("screenshot", "Proxy: none")]
    public async Task Locate_GivesTheBoxOfThatText(string name, string target)
    {
        var content = await AskAsync(name, $"<image>\nLocate <|ref|>{target}<|/ref|> in the image.");
        var page = TesseractWords.Read(name + ".png");

        Assert.That(content, Does.Not.Contain("\n"));
        var reference = GroundedAnswer.Parse(content).Single();
        Assert.That(reference.Label, Is.EqualTo(target));
        Assert.That(reference.Boxes, Has.Count.EqualTo(1), content);
        AssertBoxHoldsWords(page, reference.Boxes[0], Words(target), target);
        var pixels = GroundedAnswer.InPixels(reference.Boxes[0], page.Width, page.Height);
        var others = page.Lines.SelectMany(line => line.Words)
            .Where(word => !Words(target).Contains(word.Text, StringComparer.OrdinalIgnoreCase) && Inside(word.Box, pixels));
        Assert.That(others.Select(word => word.Text), Is.Empty, "the box holds that text and nothing else");
    }

    [Test]
    public async Task Locate_TextNotOnThePage_IsAnEmptyList()
    {
        var content = await AskAsync("receipt", "<image>\nLocate <|ref|>zebra crossing<|/ref|> in the image.");

        Assert.That(content, Is.EqualTo("<|ref|>zebra crossing<|/ref|><|det|>[]<|/det|>"));
    }

    [TestCase("<image>\nDescribe this image in detail.")]
    [TestCase("<image>\nParse the figure.")]
    public async Task Description_IsPlainFactualText(string prompt)
    {
        var content = await AskAsync("scanned-page", prompt);

        Assert.That(content, Does.Not.Contain("<|ref|>"));
        Assert.That(content, Does.StartWith("The image is "));
        Assert.That(content, Does.Contain("The title reads \"Annual Report of the Harbour Library\"."));
        Assert.That(content, Does.Contain("Questions about old maps go to the archive desk."));
    }

    [TestCase("<image>\nPlease use Markdown format to preserve the table layout in the image.")]
    [TestCase("Convert this receipt to MARKDOWN")]
    [TestCase("<image>\nConvert the document to markdown.")]
    public async Task MarkdownAskedInAnyWords_GivesMarkdown(string prompt)
    {
        var content = await AskAsync("receipt", prompt);

        Assert.That(content, Does.Contain("| Item | Qty | Price |\n| --- | --- | --- |"));
        Assert.That(content, Does.Not.Contain("<|ref|>"));
    }

    [Test]
    public async Task FreeOcr_HasNoMarkup()
    {
        var content = await AskAsync("receipt", ChatRequests.FreeOcr);

        Assert.That(content, Does.Not.Contain("|").And.Not.Contain("<"));
    }

    [Test]
    public async Task GroundedMarkdown_FigurePage_GivesTheFigureAsAnImageWithItsCaption()
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", "figure-page.png"));
        var request = ChatRequests.For("data:image/png;base64," + Convert.ToBase64String(bytes), GroundedMarkdown);
        var content = await ChatRequests.ContentAsync(Server.Http, request);
        TestContext.Out.WriteLine(content);
        var page = TesseractWords.Read(bytes);

        var references = GroundedAnswer.Parse(content);
        Assert.That(references.Select(reference => reference.Label), Is.EqualTo(new[] { "title", "text", "image", "image_caption", "text" }));
        var image = references[2];
        Assert.That(image.Content, Is.Empty, "an image block has no text");

        // make-figure-page.sh draws the chart's frame at (150, 260)-(750, 640) and its bars within (220, 300)-(690, 636).
        var box = GroundedAnswer.InPixels(image.Boxes[0], page.Width, page.Height);
        Assert.That(box.Left <= 220 && box.Top <= 300 && box.Right >= 690 && box.Bottom >= 636, Is.True, $"the box holds the bars: {box}");
        var overlap = Math.Max(0, Math.Min(box.Right, 750) - Math.Max(box.Left, 150)) * Math.Max(0, Math.Min(box.Bottom, 640) - Math.Max(box.Top, 260));
        Assert.That(overlap / (600.0 * 380), Is.GreaterThan(0.8), $"the box covers most of the figure: {box}");
        Assert.That(references[3].Content, Is.EqualTo("Figure 1: Visitors per month, March to May."));
        foreach (var reference in references.Where(reference => reference.Label != "image"))
        {
            AssertBoxHoldsWords(page, reference.Boxes[0], Words(reference.Content), reference.Label);
        }
    }

    /// <summary>Every word of the text is one Tesseract read at that place: a word with that text inside the box.</summary>
    private static void AssertBoxHoldsWords(OcrPage page, int[] box, IReadOnlyList<string> words, string what)
    {
        var pixels = GroundedAnswer.InPixels(box, page.Width, page.Height);
        var inside = page.Lines.SelectMany(line => line.Words).Where(word => Inside(word.Box, pixels)).Select(word => word.Text.ToUpperInvariant()).ToList();
        foreach (var word in words)
        {
            Assert.That(inside, Does.Contain(word.ToUpperInvariant()), $"'{word}' of {what} in [{string.Join(", ", box)}]");
        }
    }

    private static bool Inside(PixelBox word, (double Left, double Top, double Right, double Bottom) box) =>
        word.Left >= box.Left && word.Top >= box.Top && word.Right <= box.Right && word.Bottom <= box.Bottom;

    /// <summary>The words of a block's content: without heading marks, table tags or their entities.</summary>
    private static List<string> Words(string content)
    {
        var text = Tags().Replace(content, " ").Replace("&amp;", "&", StringComparison.Ordinal).Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal);
        return text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Where(word => word is not ("#" or "##")).ToList();
    }

    private async Task<string> AskAsync(string name, string prompt)
    {
        var content = await ChatRequests.ContentAsync(Server.Http, ChatRequests.For(Samples.DataUrl(name + ".png"), prompt));
        TestContext.Out.WriteLine(content);
        return content;
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
