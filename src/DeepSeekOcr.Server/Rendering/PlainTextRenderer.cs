using DeepSeekOcr.Server.Ocr;

namespace DeepSeekOcr.Server.Rendering;

/// <summary>
/// The text as laid out: one output line per text line, a blank line between paragraphs, columns kept where wide
/// gaps carry them (<see cref="SpacedLine"/>).
/// </summary>
public sealed class PlainTextRenderer : IncrementalRenderer
{
    private bool _wroteAny;

    public override IReadOnlyList<string> Add(PageLayout layout, OcrBlock block)
    {
        var output = new List<string>();
        var characterWidth = SpacedLine.CharacterWidth(block, layout.BodyHeight);
        var left = block.Paragraphs.SelectMany(paragraph => paragraph.Lines).Where(line => line.Words.Count > 0)
            .Select(line => line.Words[0].Box.Left).DefaultIfEmpty(block.Box.Left).Min();
        foreach (var paragraph in block.Paragraphs)
        {
            if (_wroteAny)
            {
                output.Add("");
            }

            output.AddRange(paragraph.Lines.Select(line => SpacedLine.Text(line, left, characterWidth, layout.BodyHeight)));
            _wroteAny = true;
        }

        return output;
    }

    public override IReadOnlyList<string> Finish(OcrPage page) => [];
}
