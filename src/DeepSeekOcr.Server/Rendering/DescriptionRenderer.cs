using System.Globalization;
using DeepSeekOcr.Server.Ocr;

namespace DeepSeekOcr.Server.Rendering;

/// <summary>
/// The answer to <c>Parse the figure.</c> and <c>Describe this image in detail.</c>: the model describes what it sees;
/// Tesseract sees only text and layout, so this is a plain factual description built from that: the image size, the
/// text blocks, lines, pictures and tables found, the title, and the text itself, one sentence per line.
/// </summary>
public static class DescriptionRenderer
{
    public static IReadOnlyList<string> Render(OcrPage page)
    {
        var blocks = PageBlockBuilder.Build(page);
        var lines = page.Lines.ToList();
        var output = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"The image is {page.Width} by {page.Height} pixels ({Shape(page)})."),
        };

        if (lines.Count == 0)
        {
            output.Add("It contains no readable text.");
        }
        else
        {
            var words = lines.Sum(line => line.Words.Count);
            output.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"It contains {Count(words, "word")} of text in {Count(lines.Count, "line")} and {Count(page.Paragraphs.Count(), "paragraph")}."));
        }

        var pictures = blocks.Count(block => block.Label == PageBlock.Image);
        var tables = blocks.Count(block => block.Label == PageBlock.Table);
        if (pictures > 0)
        {
            output.Add($"It has {Count(pictures, "non-text region")} (a picture, a rule or a filled area).");
        }

        if (tables > 0)
        {
            output.Add($"It has {Count(tables, "table")}.");
        }

        if (blocks.FirstOrDefault(block => block.Label == PageBlock.Title) is { } title)
        {
            output.Add($"The title reads \"{title.Lines[0]}\".");
        }

        if (lines.Count > 0)
        {
            output.Add("The text reads:");
            output.AddRange(MarkdownRenderer.Render(blocks));
        }

        return output;
    }

    private static string Shape(OcrPage page) =>
        page.Width > page.Height * 1.2 ? "landscape" : page.Height > page.Width * 1.2 ? "portrait" : "about square";

    private static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");
}
