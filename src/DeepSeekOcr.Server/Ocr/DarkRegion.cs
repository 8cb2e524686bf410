using DeepSeekOcr.Server.Ocr.Native;

namespace DeepSeekOcr.Server.Ocr;

/// <summary>
/// Light text on a dark band (a title bar, a coloured header): Tesseract reads dark text on a light ground, so such
/// a region is cut out, turned to gray and inverted before it is read.
/// </summary>
internal static class DarkRegion
{
    /// <summary>Mean gray level (0-255) under which a text region is light text on a dark ground.</summary>
    public const float DarkMean = 128;

    public static bool IsDark(DecodedImage image, PixelBox region)
    {
        using var gray = GrayCutOut(image, region);
        return gray is not null
            && Leptonica.pixGetAverageMasked(gray, IntPtr.Zero, 0, 0, 1, Leptonica.MeanAbsoluteValue, out var mean) == 0
            && mean < DarkMean;
    }

    /// <summary>The region in gray, inverted (dark text on light ground), or null if Leptonica cannot make it.</summary>
    public static PixHandle? Inverted(DecodedImage image, PixelBox region)
    {
        using var gray = GrayCutOut(image, region);
        if (gray is null)
        {
            return null;
        }

        var inverted = Leptonica.pixInvert(IntPtr.Zero, gray);
        if (inverted.IsInvalid)
        {
            inverted.Dispose();
            return null;
        }

        return inverted;
    }

    private static PixHandle? GrayCutOut(DecodedImage image, PixelBox region)
    {
        var box = Leptonica.boxCreate(region.Left, region.Top, region.Right - region.Left, region.Bottom - region.Top);
        try
        {
            using var clip = Leptonica.pixClipRectangle(image.Pix, box, IntPtr.Zero);
            if (clip.IsInvalid)
            {
                return null;
            }

            var gray = Leptonica.pixConvertTo8(clip, 0);
            if (gray.IsInvalid)
            {
                gray.Dispose();
                return null;
            }

            return gray;
        }
        finally
        {
            Leptonica.boxDestroy(ref box);
        }
    }
}
