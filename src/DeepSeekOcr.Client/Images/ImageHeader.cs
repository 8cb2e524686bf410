using System.Buffers.Binary;
using DeepSeekOcr.Protocol.Images;

namespace DeepSeekOcr.Client.Images;

/// <summary>
/// An image's width and height from its header, without decoding a pixel: PNG (IHDR), JPEG (the first SOFn frame
/// header, walking the segments before it), WebP (VP8, VP8L or VP8X) and BMP (core and info headers). Reads only
/// the few bytes it needs, at their offsets, so a JPEG with large EXIF or ICC segments before its frame costs a few
/// small reads.
/// </summary>
public static class ImageHeader
{
    /// <summary>Reads up to destination.Length bytes at offset; returns how many (0 at the end).</summary>
    public delegate int ReadAt(long offset, Span<byte> destination);

    // A JPEG with more segments than this before its frame is not one a camera or scanner writes.
    private const int MaxJpegSegments = 1024;

    public static ImageSize? FromBytes(ReadOnlyMemory<byte> image) => Read((offset, destination) =>
    {
        if (offset >= image.Length)
        {
            return 0;
        }

        var available = image.Span[(int)offset..];
        int count = Math.Min(destination.Length, available.Length);
        available[..count].CopyTo(destination);
        return count;
    });

    public static ImageSize? FromFile(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path);
            return Read((offset, destination) => RandomAccess.Read(handle, destination, offset));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The size, or null when the bytes are not one of the four formats or their header is cut or odd.</summary>
    public static ImageSize? Read(ReadAt read)
    {
        Span<byte> head = stackalloc byte[30];
        int length = ReadFully(read, 0, head);
        head = head[..length];
        // ImageSniffer knows each format's signature; the readers here need more of the header than it does.
        return ImageSignatures.FormatOf(head) switch
        {
            ImageFormat.Png when length >= 24 && head[12..16].SequenceEqual("IHDR"u8) =>
                Valid(BinaryPrimitives.ReadInt32BigEndian(head[16..]), BinaryPrimitives.ReadInt32BigEndian(head[20..])),
            ImageFormat.Jpeg => Jpeg(read),
            ImageFormat.WebP when length >= 16 => WebP(head),
            ImageFormat.Bmp when length >= 26 => Bmp(head),
            _ => null,
        };
    }

    private static ImageSize? Jpeg(ReadAt read)
    {
        Span<byte> segment = stackalloc byte[9];
        long offset = 2;
        for (int count = 0; count < MaxJpegSegments; count++)
        {
            if (ReadFully(read, offset, segment[..2]) < 2 || segment[0] != 0xFF)
            {
                return null;
            }

            byte marker = segment[1];
            if (marker == 0xFF)
            {
                offset++; // Spec (T.81 B.1.1.2): any marker may be preceded by fill bytes 0xFF.
                continue;
            }

            if (marker == 0x01 || marker is >= 0xD0 and <= 0xD8)
            {
                offset += 2; // TEM, RSTn and SOI stand alone, without a length
                continue;
            }

            if (marker is 0xD9 or 0xDA)
            {
                return null; // the end, or the first scan, before any frame header
            }

            if (ReadFully(read, offset, segment) < 4)
            {
                return null;
            }

            int segmentLength = BinaryPrimitives.ReadUInt16BigEndian(segment[2..]);
            // Spec (T.81 B.1.1.3): SOF0..SOF15 are C0..CF except DHT (C4), JPG (C8) and DAC (CC).
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                // Frame header: length (2), precision (1), lines (2), samples per line (2). Lines 0 means a DNL
                // segment after the first scan defines the height: not in the header, so not known here.
                return segmentLength >= 7 && ReadFully(read, offset, segment) == segment.Length
                    ? Valid(BinaryPrimitives.ReadUInt16BigEndian(segment[7..]), BinaryPrimitives.ReadUInt16BigEndian(segment[5..]))
                    : null;
            }

            if (segmentLength < 2)
            {
                return null;
            }

            offset += 2 + segmentLength;
        }

        return null;
    }

    private static ImageSize? WebP(ReadOnlySpan<byte> head)
    {
        var chunk = head[12..16];
        if (chunk.SequenceEqual("VP8X"u8) && head.Length >= 30)
        {
            // Spec (WebP container, extended format): canvas width - 1 and height - 1, 24 bits each, at 24 and 27.
            return Valid(UInt24(head[24..]) + 1, UInt24(head[27..]) + 1);
        }

        if (chunk.SequenceEqual("VP8L"u8) && head.Length >= 25 && head[20] == 0x2F)
        {
            // Spec (WebP lossless 3.1): signature 0x2F, then width - 1 and height - 1 in 14 bits each, LSB first.
            uint bits = BinaryPrimitives.ReadUInt32LittleEndian(head[21..]);
            return Valid((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }

        if (chunk.SequenceEqual("VP8 "u8) && head.Length >= 30 && head[23] == 0x9D && head[24] == 0x01 && head[25] == 0x2A)
        {
            // Spec (RFC 6386 9.1): after the 3-byte frame tag and start code 9D 01 2A, 14-bit width and height
            // (the top 2 bits are the scale).
            return Valid(BinaryPrimitives.ReadUInt16LittleEndian(head[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(head[28..]) & 0x3FFF);
        }

        return null;
    }

    private static ImageSize? Bmp(ReadOnlySpan<byte> head)
    {
        uint headerSize = BinaryPrimitives.ReadUInt32LittleEndian(head[14..]);
        if (headerSize == 12)
        {
            // BITMAPCOREHEADER (OS/2 1.x): 16-bit width and height.
            return Valid(BinaryPrimitives.ReadUInt16LittleEndian(head[18..]), BinaryPrimitives.ReadUInt16LittleEndian(head[20..]));
        }

        // BITMAPINFOHEADER and later: signed 32-bit; a negative height means rows stored top-down.
        int height = BinaryPrimitives.ReadInt32LittleEndian(head[22..]);
        return headerSize >= 40 && height != int.MinValue ? Valid(BinaryPrimitives.ReadInt32LittleEndian(head[18..]), Math.Abs(height)) : null;
    }

    private static int UInt24(ReadOnlySpan<byte> bytes) => bytes[0] | (bytes[1] << 8) | (bytes[2] << 16);

    private static ImageSize? Valid(int width, int height) => width > 0 && height > 0 ? new ImageSize(width, height) : null;

    private static int ReadFully(ReadAt read, long offset, Span<byte> destination)
    {
        int total = 0;
        while (total < destination.Length)
        {
            int count = read(offset + total, destination[total..]);
            if (count <= 0)
            {
                break;
            }

            total += count;
        }

        return total;
    }
}
