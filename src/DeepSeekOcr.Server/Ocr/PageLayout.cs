namespace DeepSeekOcr.Server.Ocr;

/// <summary>
/// What layout analysis tells before any text is read: the image size and the body text size (the median height of
/// capitals and ascenders above the baseline over all text lines), which heading detection compares against.
/// </summary>
public sealed record PageLayout(int Width, int Height, double BodyHeight);
