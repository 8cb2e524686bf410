using System.Runtime.InteropServices;

namespace DeepSeekOcr.Server.Ocr.Native;

/// <summary>The part of Leptonica's API the server uses to decode images, bound to Debian's liblept.so.5.</summary>
internal static partial class Leptonica
{
    private const string Library = "liblept.so.5";

    /// <summary>L_SEVERITY_NONE: Leptonica prints nothing to stderr; the server reports failures itself.</summary>
    public const int SeverityNone = 6;

    /// <summary>Reads the size from the header only, so a huge image is refused before it is decoded. 0 on success.</summary>
    [LibraryImport(Library)]
    public static partial int pixReadHeaderMem(
        ReadOnlySpan<byte> data, nuint size, out int format, out int width, out int height, out int bitsPerSample,
        out int samplesPerPixel, out int isColormapped);

    [LibraryImport(Library)]
    public static partial PixHandle pixReadMem(ReadOnlySpan<byte> data, nuint size);

    /// <summary>REMOVE_CMAP_BASED_ON_SRC: a colormapped image becomes grayscale or RGB, whichever its colours need.</summary>
    public const int RemoveColormapBasedOnSource = 4;

    /// <summary>The image's colormap, or NULL; owned by the PIX.</summary>
    [LibraryImport(Library)]
    public static partial IntPtr pixGetColormap(PixHandle pix);

    /// <summary>A new PIX without colormap (a copy if there was none).</summary>
    [LibraryImport(Library)]
    public static partial PixHandle pixRemoveColormap(PixHandle pix, int type);

    /// <summary>L_MEAN_ABSVAL: the plain mean of the pixel values.</summary>
    public const int MeanAbsoluteValue = 1;

    [LibraryImport(Library)]
    public static partial IntPtr boxCreate(int x, int y, int width, int height);

    [LibraryImport(Library)]
    public static partial void boxDestroy(ref IntPtr box);

    /// <summary>A new PIX holding the part of the image in the box (pboxc, the clipped box, not wanted: NULL).</summary>
    [LibraryImport(Library)]
    public static partial PixHandle pixClipRectangle(PixHandle pix, IntPtr box, IntPtr clippedBox);

    /// <summary>A new 8-bit grayscale PIX (colour by luminance); cmapflag 0: no colormap.</summary>
    [LibraryImport(Library)]
    public static partial PixHandle pixConvertTo8(PixHandle pix, int colormapFlag);

    /// <summary>With pixd NULL: a new PIX, the inverse of the source.</summary>
    [LibraryImport(Library)]
    public static partial PixHandle pixInvert(IntPtr destination, PixHandle pix);

    /// <summary>The mean of an 8-bit image (mask NULL: all of it), sampling every factor-th pixel. 0 on success.</summary>
    [LibraryImport(Library)]
    public static partial int pixGetAverageMasked(PixHandle pix, IntPtr mask, int x, int y, int factor, int type, out float value);

    /// <summary>Frees the PIX and sets the pointer to NULL.</summary>
    [LibraryImport(Library)]
    public static partial void pixDestroy(ref IntPtr pix);

    [LibraryImport(Library)]
    public static partial int setMsgSeverity(int severity);
}
