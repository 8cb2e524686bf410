namespace DeepSeekOcr.Server.Ocr;

/// <summary>A block of the page layout (a column, a heading, a caption, a picture...); a picture has no paragraphs.</summary>
public sealed record OcrBlock(PixelBox Box, IReadOnlyList<OcrParagraph> Paragraphs, OcrBlockKind Kind = OcrBlockKind.Text);
