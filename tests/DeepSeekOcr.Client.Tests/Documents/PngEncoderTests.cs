using System.Buffers.Binary;
using System.IO.Compression;
using DeepSeekOcr.Client.Documents;

namespace DeepSeekOcr.Client.Tests.Documents;

/// <summary>
/// The PNG writer of rendered pages and figures, read back by hand (chunks, CRCs, zlib, the "Up" filter) so that a
/// wrong byte anywhere fails: greyscale and colour, whole surfaces and rectangles of them.
/// </summary>
public sealed class PngEncoderTests
{
    [Test]
    public void Encode_ColouredPixels_WritesRgbThatDecodesToTheSamePixels()
    {
        var (pixels, stride) = Surface(7, 5, (x, y) => (uint)((x * 40) << 16 | (y * 50) << 8 | (x + y) * 9));

        var png = Decode(PngEncoder.Encode(pixels, stride, 0, 0, 7, 5));

        Assert.That((png.Width, png.Height, png.ColourType), Is.EqualTo((7, 5, 2)));
        for (int y = 0; y < 5; y++)
        {
            for (int x = 0; x < 7; x++)
            {
                Assert.That(png.Pixel(x, y), Is.EqualTo(((byte)(x * 40), (byte)(y * 50), (byte)((x + y) * 9))), $"pixel {x},{y}");
            }
        }
    }

    [Test]
    public void Encode_GreyPixels_WritesGreyscale()
    {
        var (pixels, stride) = Surface(4, 3, (x, y) => (uint)(0x010101 * ((x * 60) + y)));

        var png = Decode(PngEncoder.Encode(pixels, stride, 0, 0, 4, 3));

        Assert.That(png.ColourType, Is.Zero);
        Assert.That(png.Pixel(3, 2), Is.EqualTo(((byte)182, (byte)182, (byte)182)));
    }

    [Test]
    public void Encode_Rectangle_WritesOnlyItsPixels()
    {
        var (pixels, stride) = Surface(10, 8, (x, y) => (uint)((x << 16) | (y << 8) | 0x80));

        var png = Decode(PngEncoder.Encode(pixels, stride, 3, 2, 4, 5));

        Assert.That((png.Width, png.Height), Is.EqualTo((4, 5)));
        Assert.That(png.Pixel(0, 0), Is.EqualTo(((byte)3, (byte)2, (byte)0x80)));
        Assert.That(png.Pixel(3, 4), Is.EqualTo(((byte)6, (byte)6, (byte)0x80)));
    }

    /// <summary>cairo's RGB24 layout: native-endian 32-bit pixels, rows padded (here by 12 bytes) to the stride.</summary>
    private static (byte[] Pixels, int Stride) Surface(int width, int height, Func<int, int, uint> colour)
    {
        int stride = (width * 4) + 12;
        byte[] pixels = new byte[stride * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                BitConverter.TryWriteBytes(pixels.AsSpan((y * stride) + (x * 4)), colour(x, y));
            }
        }

        return (pixels, stride);
    }

    private static Png Decode(byte[] file)
    {
        Assert.That(file[..8], Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
        var chunks = new List<(string Type, byte[] Data)>();
        for (int at = 8; at < file.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            string type = System.Text.Encoding.ASCII.GetString(file, at + 4, 4);
            byte[] data = file[(at + 8)..(at + 8 + length)];
            Assert.That(BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at + 8 + length)), Is.EqualTo(Crc(file.AsSpan(at + 4, 4 + length))), $"{type} CRC");
            chunks.Add((type, data));
            at += 12 + length;
        }

        Assert.That(chunks.Select(c => c.Type), Is.EqualTo(new[] { "IHDR", "IDAT", "IEND" }));
        byte[] header = chunks[0].Data;
        int width = BinaryPrimitives.ReadInt32BigEndian(header), height = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
        Assert.That(header[8..], Is.EqualTo(new byte[] { 8, header[9], 0, 0, 0 }));
        int channels = header[9] == 0 ? 1 : 3;
        using var zlib = new ZLibStream(new MemoryStream(chunks[1].Data), CompressionMode.Decompress);
        byte[] raw = new byte[height * (1 + (width * channels))];
        zlib.ReadExactly(raw);
        Assert.That(zlib.ReadByte(), Is.EqualTo(-1), "nothing past the last row");
        int rowBytes = width * channels;
        byte[] rows = new byte[height * rowBytes];
        for (int y = 0; y < height; y++)
        {
            Assert.That(raw[y * (rowBytes + 1)], Is.EqualTo(2), "filter Up");
            for (int i = 0; i < rowBytes; i++)
            {
                byte above = y == 0 ? (byte)0 : rows[((y - 1) * rowBytes) + i];
                rows[(y * rowBytes) + i] = (byte)(raw[(y * (rowBytes + 1)) + 1 + i] + above);
            }
        }

        return new Png(width, height, header[9], rows, channels);
    }

    private static uint Crc(ReadOnlySpan<byte> data)
    {
        // Bit by bit, as PNG's annex D states it: independent of the table the encoder uses.
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    private sealed record Png(int Width, int Height, byte ColourType, byte[] Rows, int Channels)
    {
        public (byte R, byte G, byte B) Pixel(int x, int y)
        {
            int at = (y * Width * Channels) + (x * Channels);
            return Channels == 1 ? (Rows[at], Rows[at], Rows[at]) : (Rows[at], Rows[at + 1], Rows[at + 2]);
        }
    }
}
