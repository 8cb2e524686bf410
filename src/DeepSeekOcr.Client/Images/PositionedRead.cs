using Microsoft.Win32.SafeHandles;

namespace DeepSeekOcr.Client.Images;

/// <summary>Positioned reads of an image file, which may return fewer bytes than asked for before its end.</summary>
internal static class PositionedRead
{
    /// <summary>Reads into <paramref name="buffer"/> from <paramref name="offset"/> until it is full or the file ends; returns the bytes read.</summary>
    public static int Fill(SafeFileHandle file, Span<byte> buffer, long offset)
    {
        int filled = 0;
        while (filled < buffer.Length)
        {
            int read = RandomAccess.Read(file, buffer[filled..], offset + filled);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }
}
