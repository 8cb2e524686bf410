namespace DeepSeekOcr.Server.Ocr;

/// <summary>A text block of the page layout (a column, a heading, a caption...).</summary>
public sealed record OcrBlock(PixelBox Box, IReadOnlyList<OcrParagraph> Paragraphs);
