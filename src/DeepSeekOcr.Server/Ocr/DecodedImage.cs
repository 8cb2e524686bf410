using DeepSeekOcr.Server.Ocr.Native;

namespace DeepSeekOcr.Server.Ocr;

/// <summary>An image decoded by Leptonica, ready for Tesseract; dispose it to free the pixels.</summary>
public sealed class DecodedImage : IDisposable
{
    internal DecodedImage(PixHandle pix, int width, int height)
    {
        Pix = pix;
        Width = width;
        Height = height;
    }

    internal PixHandle Pix { get; }

    public int Width { get; }

    public int Height { get; }

    public void Dispose() => Pix.Dispose();
}
