using DeepSeekOcr.Server.Ocr;

namespace DeepSeekOcr.Server.Rendering;

/// <summary>
/// DeepSeek-OCR's grounding form, one text line per output line:
/// <c>&lt;|ref|&gt;text&lt;|/ref|&gt;&lt;|det|&gt;[[x1, y1, x2, y2]]&lt;|/det|&gt;</c>, with coordinates scaled to 0-999
/// of the image width and height (<see cref="NormalisedBox"/>).
/// </summary>
public sealed class GroundingRenderer : IncrementalRenderer
{
    public override IReadOnlyList<string> Add(PageLayout layout, OcrBlock block) =>
        block.Paragraphs
            .SelectMany(paragraph => paragraph.Lines)
            .Select(line => $"<|ref|>{line.Text}<|/ref|><|det|>{NormalisedBox.Text(line.Box, layout.Width, layout.Height)}<|/det|>")
            .ToList();

    public override IReadOnlyList<string> Finish(OcrPage page) => [];
}
