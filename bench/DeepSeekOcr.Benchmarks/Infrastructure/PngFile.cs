namespace DeepSeekOcr.Benchmarks.Infrastructure;

/// <summary>
/// Writes a temporary file that passes the client's image checks as a PNG: the PNG signature, random bytes, and the
/// IEND chunk that ends every PNG. Random bytes are what a compressed image looks like to Base64.
/// </summary>
public static class PngFile
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> End => [0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82];

    public static byte[] CreateBytes(int length, int seed = 7)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        Signature.CopyTo(bytes);
        End.CopyTo(bytes.AsSpan(length - End.Length));
        return bytes;
    }

    /// <summary>Writes the image to a new temporary file and returns its path; the caller deletes it.</summary>
    public static string CreateTemporary(int length)
    {
        string path = Path.Combine(Path.GetTempPath(), $"deepseek-ocr-bench-{Environment.ProcessId}-{length}-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(path, CreateBytes(length));
        return path;
    }
}
