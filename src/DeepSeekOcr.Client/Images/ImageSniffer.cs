using System.Buffers.Binary;
using DeepSeekOcr.Protocol.Images;

namespace DeepSeekOcr.Client.Images;

/// <summary>
/// Tells an image's format from its magic bytes, and catches what would only fail on the server: formats the service
/// does not take, and files cut short (checked where the format records its own length or end).
/// </summary>
internal static class ImageSniffer
{
    /// <summary>Bytes needed from the start of a file to decide.</summary>
    public const int HeadLength = ImageSignatures.HeadLength;

    /// <summary>Bytes needed from the end of a file to decide.</summary>
    public const int TailLength = 12;

    // Spec (PNG 11.2.5): the IEND chunk is always last: length 0, type "IEND", CRC AE 42 60 82.
    private static ReadOnlySpan<byte> PngEnd => [0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82];

    /// <summary>Returns the format, or throws <see cref="OcrStatus.UnsupportedImage"/> naming what the bytes are.</summary>
    /// <param name="head">The first bytes (up to <see cref="HeadLength"/>).</param>
    /// <param name="tail">The last bytes (up to <see cref="TailLength"/>).</param>
    /// <param name="length">The whole length.</param>
    /// <param name="what">How to name the image in a message, e.g. the file's path.</param>
    public static ImageFormat Detect(ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail, long length, string what)
    {
        switch (ImageSignatures.FormatOf(head))
        {
            case ImageFormat.Png:
                if (!tail.EndsWith(PngEnd))
                {
                    throw Unsupported($"{what} is a truncated PNG (it does not end with an IEND chunk)");
                }

                return ImageFormat.Png;

            case ImageFormat.Jpeg:
                return ImageFormat.Jpeg;

            case ImageFormat.WebP:
            {
                // Spec (RIFF): the size field counts the bytes after itself.
                long declared = BinaryPrimitives.ReadUInt32LittleEndian(head[4..8]) + 8L;
                if (declared > length)
                {
                    throw Unsupported($"{what} is a truncated WebP ({length} bytes of the {declared} its header declares)");
                }

                return ImageFormat.WebP;
            }

            case ImageFormat.Bmp:
            {
                long declared = BinaryPrimitives.ReadUInt32LittleEndian(head[2..6]);
                if (declared > length)
                {
                    throw Unsupported($"{what} is a truncated BMP ({length} bytes of the {declared} its header declares)");
                }

                return ImageFormat.Bmp;
            }
        }

        if (head.StartsWith("%PDF"u8))
        {
            // The commonest wrong input (a scan saved as PDF): say which call takes it.
            throw Unsupported($"{what} is a PDF document, not an image the service accepts (JPEG, PNG, WebP or BMP): recognise its pages with ocr_document (C), Client.ocr_document (Python), RecognizeDocumentAsync (C#) or the command line, which render each page as an image");
        }

        throw Unsupported($"{what} is {Describe(head)}, not an image the service accepts (JPEG, PNG, WebP or BMP)");
    }

    private static string Describe(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("GIF8"u8))
        {
            return "a GIF image";
        }

        if (head.Length >= 4 && (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8)))
        {
            return "a TIFF image";
        }

        return head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8) ? "an HEIF/AVIF image" : "of unknown format";
    }

    private static OcrException Unsupported(string message) => new(OcrStatus.UnsupportedImage, message);
}
