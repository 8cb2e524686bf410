namespace DeepSeekOcr.Server.Ocr;

/// <summary>What Tesseract read on one image, in reading order, with the layout it was read by.</summary>
public sealed record OcrPage(PageLayout Layout, IReadOnlyList<OcrBlock> Blocks)
{
    public int Width => Layout.Width;

    public int Height => Layout.Height;

    public IEnumerable<OcrParagraph> Paragraphs => Blocks.SelectMany(block => block.Paragraphs);

    public IEnumerable<OcrLine> Lines => Paragraphs.SelectMany(paragraph => paragraph.Lines);
}
