namespace DeepSeekOcr.Server.Images;

/// <summary>Tells the format from the magic bytes; the MIME type a caller declares is not trusted.</summary>
public static class ImageFormatDetector
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    public static ImageFormat Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(PngSignature))
        {
            return ImageFormat.Png;
        }

        if (bytes.StartsWith(JpegSignature))
        {
            return ImageFormat.Jpeg;
        }

        // RIFF, a 4-byte size, then WEBP.
        if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return ImageFormat.WebP;
        }

        // BM then a 4-byte file size; the 14-byte file header must be followed by at least a DIB header size.
        if (bytes.Length >= 18 && bytes.StartsWith("BM"u8))
        {
            return ImageFormat.Bmp;
        }

        return ImageFormat.Unknown;
    }
}
