using DeepSeekOcr.Server.Ocr;

namespace DeepSeekOcr.Server.Rendering;

/// <summary>The text as laid out: one output line per text line, a blank line between paragraphs.</summary>
public sealed class PlainTextRenderer : IncrementalRenderer
{
    private bool wroteAny;

    public override IReadOnlyList<string> Add(PageLayout layout, OcrBlock block)
    {
        var output = new List<string>();
        foreach (var paragraph in block.Paragraphs)
        {
            if (wroteAny)
            {
                output.Add("");
            }

            output.AddRange(paragraph.Lines.Select(line => line.Text));
            wroteAny = true;
        }

        return output;
    }

    public override IReadOnlyList<string> Finish(OcrPage page) => [];
}
