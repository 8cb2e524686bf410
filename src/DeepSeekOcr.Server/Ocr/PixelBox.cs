namespace DeepSeekOcr.Server.Ocr;

/// <summary>A rectangle in image pixels, Tesseract's way: left and top inclusive, right and bottom exclusive.</summary>
public readonly record struct PixelBox(int Left, int Top, int Right, int Bottom)
{
    public int Height => Bottom - Top;
}
