using DeepSeekOcr.Server.Ocr;

namespace DeepSeekOcr.Server.Rendering;

/// <summary>The text as laid out: one output line per text line, a blank line between paragraphs.</summary>
public static class PlainTextRenderer
{
    public static IReadOnlyList<string> Render(OcrPage page)
    {
        var output = new List<string>();
        foreach (var paragraph in page.Paragraphs)
        {
            if (output.Count > 0)
            {
                output.Add("");
            }

            output.AddRange(paragraph.Lines.Select(line => line.Text));
        }

        return output;
    }
}
