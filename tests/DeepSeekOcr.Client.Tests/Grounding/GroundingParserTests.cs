using DeepSeekOcr.Client.Grounding;
using DeepSeekOcr.Client.Images;

namespace DeepSeekOcr.Client.Tests.Grounding;

/// <summary>The grounding parser over answers shaped as DeepSeek-OCR writes them, with exact pixel boxes.</summary>
public sealed class GroundingParserTests
{
    private static readonly ImageSize Page = new(1654, 2339); // A4 at 200 DPI

    // What the markdown mode answers for a page with a title, a paragraph, a figure and its caption, an HTML table,
    // a Markdown table, LaTeX and Chinese text.
    private const string MarkdownAnswer =
        "<|ref|>title<|/ref|><|det|>[[84, 48, 915, 92]]<|/det|>\n# Quarterly Report 2024\n\n" +
        "<|ref|>text<|/ref|><|det|>[[84, 110, 915, 180]]<|/det|>\nRevenue grew by 12% over the year.\n\n" +
        "<|ref|>image<|/ref|><|det|>[[120, 200, 500, 420], [520, 200, 880, 420]]<|/det|>\n\n" +
        "<|ref|>image_caption<|/ref|><|det|>[[120, 425, 880, 445]]<|/det|>\nFigure 1: Sales by region\n\n" +
        "<|ref|>table<|/ref|><|det|>[[84, 460, 915, 600]]<|/det|>\n<table><tr><td>Q1</td><td>100</td></tr></table>\n\n" +
        "<|ref|>table<|/ref|><|det|>[[84, 610, 915, 700]]<|/det|>\n| Q | Sales |\n|---|---|\n| Q2 | 120 |\n\n" +
        "<|ref|>equation<|/ref|><|det|>[[300, 710, 700, 760]]<|/det|>\n\\[\\frac{a}{b} = \\sum_{i=0}^{n} x_i\\]\n\n" +
        "<|ref|>text<|/ref|><|det|>[[84, 780, 915, 820]]<|/det|>\n营收同比增长百分之十二。\n";

    [Test]
    public void Parse_MarkdownAnswer_GivesEachRegionWithItsContent()
    {
        var parsed = GroundingParser.Parse(MarkdownAnswer, refIsText: false, Page);

        Assert.That(parsed.Regions.Select(r => r.Label), Is.EqualTo(new[] { "title", "text", "image", "image_caption", "table", "table", "equation", "text" }));
        Assert.Multiple(() =>
        {
            Assert.That(parsed.Regions[0].Text, Is.EqualTo("# Quarterly Report 2024"));
            Assert.That(parsed.Regions[2].Text, Is.EqualTo(""));
            Assert.That(parsed.Regions[4].Text, Is.EqualTo("<table><tr><td>Q1</td><td>100</td></tr></table>"));
            Assert.That(parsed.Regions[5].Text, Is.EqualTo("| Q | Sales |\n|---|---|\n| Q2 | 120 |"));
            Assert.That(parsed.Regions[6].Text, Is.EqualTo("\\[\\frac{a}{b} = \\sum_{i=0}^{n} x_i\\]"));
            Assert.That(parsed.Regions[7].Text, Is.EqualTo("营收同比增长百分之十二。"));
        });
    }

    [Test]
    public void Parse_KnownImageSize_ScalesBoxesAsTheOfficialScripts()
    {
        var parsed = GroundingParser.Parse(MarkdownAnswer, refIsText: false, Page);

        // int(84 / 999 * 1654) = 139, int(48 / 999 * 2339) = 112, int(915 / 999 * 1654) = 1514, int(92 / 999 * 2339) = 215
        Assert.That(parsed.Regions[0].Boxes.Single(), Is.EqualTo(new GroundingBox(139, 112, 1514, 215, 84, 48, 915, 92)));
        Assert.That(parsed.Regions[2].Boxes, Is.EqualTo(new[]
        {
            new GroundingBox(198, 468, 827, 983, 120, 200, 500, 420),
            new GroundingBox(860, 468, 1456, 983, 520, 200, 880, 420),
        }));
    }

    [Test]
    public void Parse_MarkdownAnswer_CleanMarkdownHasNoTagsAndLinksImages()
    {
        var parsed = GroundingParser.Parse(MarkdownAnswer, refIsText: false, Page);

        Assert.That(parsed.Markdown, Does.Not.Contain("<|"));
        Assert.That(parsed.Markdown, Does.StartWith("\n# Quarterly Report 2024\n\n\nRevenue grew by 12% over the year.\n\n![](images/0.jpg)\n\n\nFigure 1: Sales by region"));
        Assert.That(parsed.Markdown, Does.Contain("| Q2 | 120 |").And.Contain("营收同比增长百分之十二。"));
    }

    [Test]
    public void Parse_OcrModeAnswer_TheRefIsTheText()
    {
        const string answer = "<|ref|>Hello world<|/ref|><|det|>[[10, 20, 300, 60]]<|/det|>\n<|ref|>第二行<|/ref|><|det|>[[10, 70, 200, 110]]<|/det|>\n";

        var parsed = GroundingParser.Parse(answer, refIsText: true, new ImageSize(1000, 1000));

        Assert.That(parsed.Regions.Select(r => (r.Label, r.Text)), Is.EqualTo(new[] { ("Hello world", "Hello world"), ("第二行", "第二行") }));
        Assert.That(parsed.Regions[0].Boxes.Single(), Is.EqualTo(new GroundingBox(10, 20, 300, 60, 10, 20, 300, 60)));
        Assert.That(parsed.Markdown, Is.EqualTo("Hello world\n第二行\n"));
    }

    [Test]
    public void Parse_LocateAnswerWithSeveralBoxes_KeepsEveryBox()
    {
        var parsed = GroundingParser.Parse("<|ref|>total<|/ref|><|det|>[[1, 2, 3, 4], [500, 500, 999, 999], [0,0,0,0]]<|/det|>", refIsText: true, new ImageSize(2000, 1000));

        Assert.That(parsed.Regions.Single().Boxes, Is.EqualTo(new[]
        {
            new GroundingBox(2, 2, 6, 4, 1, 2, 3, 4),
            new GroundingBox(1001, 500, 2000, 1000, 500, 500, 999, 999),
            new GroundingBox(0, 0, 0, 0, 0, 0, 0, 0),
        }));
    }

    [Test]
    public void Parse_UnknownImageSize_GivesOnlyNormalizedBoxes()
    {
        var box = GroundingParser.Parse("<|ref|>text<|/ref|><|det|>[[84, 48, 915, 92]]<|/det|>\nx", refIsText: false, null).Regions.Single().Boxes.Single();

        Assert.That(box, Is.EqualTo(new GroundingBox(-1, -1, -1, -1, 84, 48, 915, 92)));
        Assert.That(box.HasPixels, Is.False);
    }

    [TestCase("<|ref|>text<|/ref|><|det|>[[1, 2, 3, 4]]<|/det|>\nfirst\n<|ref|>te", "\nfirst\n")]
    [TestCase("<|ref|>text<|/ref|><|det|>[[1, 2, 3, 4]]<|/det|>\nfirst\n<|ref|>text<|/ref|><|det|>[[5, 6", "\nfirst\n")]
    [TestCase("<|ref|>text<|/ref|><|det|>[[1, 2, 3, 4]]<|/det|>\nfirst\n<|ref|>text<|/r", "\nfirst\n")]
    [TestCase("<|ref|>text<|/ref|><|det|>[[1, 2, 3, 4]]<|/det|>\nfirst\n<|", "\nfirst\n")]
    public void Parse_CutMidTag_ReturnsWhatParsedAndDropsTheCutTag(string answer, string markdown)
    {
        var parsed = GroundingParser.Parse(answer, refIsText: false, Page);

        Assert.That(parsed.Regions.Single().Text, Is.EqualTo("first"));
        Assert.That(parsed.Markdown, Is.EqualTo(markdown));
    }

    [TestCase("[[1, 2, 3]]")]
    [TestCase("[[a, b, c, d]]")]
    [TestCase("")]
    [TestCase("[[1, 2, 3, 4, 5]]")]
    public void Parse_MalformedBoxes_GivesNoRegionButGoesOn(string boxes)
    {
        string answer = $"<|ref|>text<|/ref|><|det|>{boxes}<|/det|>\nbad\n<|ref|>title<|/ref|><|det|>[[1, 2, 3, 4]]<|/det|>\ngood";

        var parsed = GroundingParser.Parse(answer, refIsText: false, Page);

        Assert.That(parsed.Regions.Single().Label, Is.EqualTo("title"));
        Assert.That(parsed.Markdown, Is.EqualTo("\nbad\n\ngood"));
    }

    [Test]
    public void Parse_PlainText_IsItsOwnMarkdownWithNoRegions()
    {
        var parsed = GroundingParser.Parse("Just text, <b>html</b> and a < sign.", refIsText: false, Page);

        Assert.That(parsed.Regions, Is.Empty);
        Assert.That(parsed.Markdown, Is.EqualTo("Just text, <b>html</b> and a < sign."));
    }

    [Test]
    public void Parse_SeveralImages_NumbersTheirLinksFromZero()
    {
        const string answer = "<|ref|>image<|/ref|><|det|>[[1, 1, 2, 2]]<|/det|>\n<|ref|>image<|/ref|><|det|>[[3, 3, 4, 4]]<|/det|>\n";

        Assert.That(GroundingParser.Parse(answer, refIsText: false, Page).Markdown, Is.EqualTo("![](images/0.jpg)\n![](images/1.jpg)\n"));
    }
}
