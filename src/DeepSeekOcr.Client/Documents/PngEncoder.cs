using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics;
using System.Runtime.InteropServices;

namespace DeepSeekOcr.Client.Documents;

/// <summary>
/// Writes the pixels of a cairo RGB24 surface (or a rectangle of it) as a PNG file: 8-bit greyscale when every pixel
/// is grey, as a black-and-white page is, else 8-bit RGB; each row filtered with "Up" (text and rules repeat down
/// the page) and the whole deflated by .NET's zlib. Encoding was most of a page's rendering time with cairo's own
/// writer (libpng, adaptive filters, RGB always): on the test PDF at 144 DPI that took 50 to 130 ms a page for 12 to
/// 16 KB, this takes 3 to 15 ms for 8 to 12 KB.
/// </summary>
internal static class PngEncoder
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Spec (PNG, 9.2): filter type 2, "Up": each byte less the byte above it.</summary>
    private const byte FilterUp = 2;

    /// <param name="pixels">cairo's RGB24 data: each pixel a native-endian 32-bit 0x00RRGGBB, rows <paramref name="stride"/> bytes apart.</param>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int stride, int x, int y, int width, int height)
    {
        bool grey = IsGrey(pixels, stride, x, y, width, height);
        int rowBytes = width * (grey ? 1 : 3);
        var compressed = new MemoryStream((width * height / 16) + 1024);
        byte[] rented = ArrayPool<byte>.Shared.Rent((3 * rowBytes) + 1);
        try
        {
            var above = rented.AsSpan(0, rowBytes);
            var line = rented.AsSpan(rowBytes, rowBytes);
            var filtered = rented.AsSpan(2 * rowBytes, rowBytes + 1);
            above.Clear(); // Spec (PNG, 9.2): the row above the first is taken as zeros.
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                for (int row = 0; row < height; row++)
                {
                    Unpack(Row(pixels, stride, x, y + row, width), line, grey);
                    filtered[0] = FilterUp;
                    Subtract(line, above, filtered[1..]);
                    zlib.Write(filtered);
                    line.CopyTo(above);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return Assemble(width, height, grey, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
    }

    private static ReadOnlySpan<uint> Row(ReadOnlySpan<byte> pixels, int stride, int x, int y, int width) =>
        MemoryMarshal.Cast<byte, uint>(pixels.Slice(y * stride, stride)).Slice(x, width);

    private static bool IsGrey(ReadOnlySpan<byte> pixels, int stride, int x, int y, int width, int height)
    {
        for (int row = 0; row < height; row++)
        {
            foreach (uint pixel in Row(pixels, stride, x, y + row, width))
            {
                byte r = (byte)(pixel >> 16), g = (byte)(pixel >> 8), b = (byte)pixel;
                if (r != g || g != b)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static void Unpack(ReadOnlySpan<uint> source, Span<byte> line, bool grey)
    {
        if (grey)
        {
            for (int i = 0; i < source.Length; i++)
            {
                line[i] = (byte)source[i];
            }

            return;
        }

        for (int i = 0, o = 0; i < source.Length; i++, o += 3)
        {
            uint pixel = source[i];
            line[o] = (byte)(pixel >> 16);
            line[o + 1] = (byte)(pixel >> 8);
            line[o + 2] = (byte)pixel;
        }
    }

    /// <summary>Each byte of the row less the byte above it, modulo 256 (vector lanes wrap the same way).</summary>
    private static void Subtract(ReadOnlySpan<byte> line, ReadOnlySpan<byte> above, Span<byte> output)
    {
        int i = 0;
        for (; i <= line.Length - Vector<byte>.Count; i += Vector<byte>.Count)
        {
            (new Vector<byte>(line[i..]) - new Vector<byte>(above[i..])).CopyTo(output[i..]);
        }

        for (; i < line.Length; i++)
        {
            output[i] = (byte)(line[i] - above[i]);
        }
    }

    private static byte[] Assemble(int width, int height, bool grey, ReadOnlySpan<byte> idat)
    {
        byte[] png = new byte[Signature.Length + (12 + 13) + (12 + idat.Length) + 12];
        Signature.CopyTo(png);
        int at = Signature.Length;
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8; // bit depth
        header[9] = grey ? (byte)0 : (byte)2; // colour type: greyscale, or truecolour
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method 0
        header[12] = 0; // no interlace
        at = Chunk(png, at, "IHDR"u8, header);
        at = Chunk(png, at, "IDAT"u8, idat);
        Chunk(png, at, "IEND"u8, []);
        return png;
    }

    private static int Chunk(byte[] png, int at, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(at), data.Length);
        type.CopyTo(png.AsSpan(at + 4));
        data.CopyTo(png.AsSpan(at + 8));
        uint crc = Crc32.Of(png.AsSpan(at + 4, 4 + data.Length));
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(at + 8 + data.Length), crc);
        return at + 12 + data.Length;
    }
}
