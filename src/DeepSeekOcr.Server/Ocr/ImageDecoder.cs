using DeepSeekOcr.Server.Ocr.Native;

namespace DeepSeekOcr.Server.Ocr;

/// <summary>Decodes PNG, JPEG, WebP and BMP bytes with Leptonica, refusing images too large to recognise.</summary>
public static class ImageDecoder
{
    /// <summary>About 100 MB of 32-bit pixels: far beyond a page scanned at 600 dpi, small enough not to exhaust memory.</summary>
    public const long MaxPixels = 25_000_000;

    static ImageDecoder() => Leptonica.setMsgSeverity(Leptonica.SeverityNone);

    public static DecodedImage Decode(ReadOnlySpan<byte> bytes)
    {
        if (Leptonica.pixReadHeaderMem(bytes, (nuint)bytes.Length, out _, out var width, out var height, out _, out _, out _) != 0
            || width <= 0 || height <= 0)
        {
            throw new ImageDecodeException("the image could not be decoded: its header is damaged or incomplete");
        }

        if ((long)width * height > MaxPixels)
        {
            throw new ImageDecodeException($"the image is {width}x{height} pixels; the limit is {MaxPixels} pixels");
        }

        var pix = Leptonica.pixReadMem(bytes, (nuint)bytes.Length);
        if (pix.IsInvalid)
        {
            pix.Dispose();
            throw new ImageDecodeException("the image could not be decoded: its data is damaged or incomplete");
        }

        return new DecodedImage(WithoutColormap(pix), width, height);
    }

    /// <summary>
    /// A palette image (the 8-bit receipt.bmp) came out garbled once recognition was limited to rectangles, as
    /// block-by-block recognition does; with the palette resolved into plain pixels it reads like the PNG.
    /// </summary>
    private static PixHandle WithoutColormap(PixHandle pix)
    {
        if (Leptonica.pixGetColormap(pix) == IntPtr.Zero)
        {
            return pix;
        }

        using (pix)
        {
            var plain = Leptonica.pixRemoveColormap(pix, Leptonica.RemoveColormapBasedOnSource);
            if (plain.IsInvalid)
            {
                plain.Dispose();
                throw new ImageDecodeException("the image could not be decoded: its palette is damaged");
            }

            return plain;
        }
    }
}
