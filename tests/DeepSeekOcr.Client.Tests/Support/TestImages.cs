using System.Buffers.Binary;

namespace DeepSeekOcr.Client.Tests.Support;

/// <summary>Small images of each format, byte-exact as their specs lay them out, and things that are not images.</summary>
internal static class TestImages
{
    /// <summary>A real 1x1 PNG (signature, IHDR, IDAT, IEND).</summary>
    public static byte[] Png { get; } = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /// <summary>A JPEG: SOI, an APP0/JFIF segment, EOI.</summary>
    public static byte[] Jpeg { get; } =
    [
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
        0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9,
    ];

    public static byte[] WebP { get; } = Riff("WEBP", [.. "VP8L"u8, 5, 0, 0, 0, 0x2F, 0, 0, 0, 0x10, 0]);

    public static byte[] Bmp { get; } = MakeBmp();

    public static byte[] Gif { get; } = [.. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x3B];

    public static byte[] Pdf { get; } = [.. "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"u8];

    /// <summary>Bytes that start like no known format (seeded: the same every run).</summary>
    public static byte[] Random(int length)
    {
        byte[] bytes = new byte[length];
        new System.Random(1234).NextBytes(bytes);
        bytes[0] = 0x13; // never a magic byte of any format above
        return bytes;
    }

    /// <summary>A PNG signature, filler and an IEND chunk: what the sniffer checks, of any length.</summary>
    public static byte[] PngOfLength(int length)
    {
        byte[] bytes = Random(length);
        Png.AsSpan(0, 8).CopyTo(bytes);
        Png.AsSpan(Png.Length - 12).CopyTo(bytes.AsSpan(length - 12));
        return bytes;
    }

    public static string MimeTypeOf(string format) => format switch
    {
        "png" => "image/png",
        "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "bmp" => "image/bmp",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a supported format"),
    };

    public static byte[] Of(string format) => format switch
    {
        "png" => Png,
        "jpeg" => Jpeg,
        "webp" => WebP,
        "bmp" => Bmp,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a supported format"),
    };

    private static byte[] Riff(string type, byte[] chunks)
    {
        byte[] file = new byte[12 + chunks.Length];
        "RIFF"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), (uint)(file.Length - 8));
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(file, 8);
        chunks.CopyTo(file, 12);
        return file;
    }

    private static byte[] MakeBmp()
    {
        // BITMAPFILEHEADER (14) + BITMAPINFOHEADER (40) + one 24-bit pixel padded to 4 bytes.
        byte[] file = new byte[14 + 40 + 4];
        file[0] = (byte)'B';
        file[1] = (byte)'M';
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(2), (uint)file.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(10), 54);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(18), 1);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(22), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(26), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(28), 24);
        return file;
    }
}
