namespace DeepSeekOcr.Protocol.Images;

/// <summary>
/// The magic bytes of each accepted image format and its MIME type: the one place that knows them, for the client
/// (which checks an image before sending it) and the server (which does not trust the MIME type a caller declares).
/// </summary>
public static class ImageSignatures
{
    /// <summary>Bytes needed from the start of a file to decide: a BMP's 14-byte file header and its DIB header's size.</summary>
    public const int HeadLength = 18;

    private static ReadOnlySpan<byte> Png => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];

    /// <summary>The format the bytes at the start of a file name, or null.</summary>
    public static ImageFormat? FormatOf(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(Png))
        {
            return ImageFormat.Png;
        }

        if (head.StartsWith(Jpeg))
        {
            return ImageFormat.Jpeg;
        }

        // RIFF, a 4-byte size, then WEBP.
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return ImageFormat.WebP;
        }

        return head.Length >= HeadLength && head.StartsWith("BM"u8) ? ImageFormat.Bmp : null;
    }

    public static string MimeType(ImageFormat format) => format switch
    {
        ImageFormat.Png => "image/png",
        ImageFormat.Jpeg => "image/jpeg",
        ImageFormat.WebP => "image/webp",
        _ => "image/bmp",
    };
}
