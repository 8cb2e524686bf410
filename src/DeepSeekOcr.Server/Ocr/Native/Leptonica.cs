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

    /// <summary>Frees the PIX and sets the pointer to NULL.</summary>
    [LibraryImport(Library)]
    public static partial void pixDestroy(ref IntPtr pix);

    [LibraryImport(Library)]
    public static partial int setMsgSeverity(int severity);
}
