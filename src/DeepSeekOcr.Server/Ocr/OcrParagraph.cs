namespace DeepSeekOcr.Server.Ocr;

/// <summary>Lines that Tesseract's layout analysis put in one paragraph.</summary>
public sealed record OcrParagraph(IReadOnlyList<OcrLine> Lines);
