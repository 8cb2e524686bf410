namespace DeepSeekOcr.Server.Ocr;

/// <summary>What Tesseract read on one image, in reading order, with the image size for normalising boxes.</summary>
public sealed record OcrPage(int Width, int Height, IReadOnlyList<OcrBlock> Blocks)
{
    public IEnumerable<OcrParagraph> Paragraphs => Blocks.SelectMany(block => block.Paragraphs);

    public IEnumerable<OcrLine> Lines => Paragraphs.SelectMany(paragraph => paragraph.Lines);
}
