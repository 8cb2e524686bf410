using System.Buffers.Binary;

namespace DeepSeekOcr.Client.Tests.Documents;

/// <summary>
/// tests/samples/document.pdf (made by tests/samples/make-pdf.py): three pages of different sizes, so that a server
/// can tell which page a request carries from the size in its PNG's header.
/// </summary>
internal static class SamplePdf
{
    public static string Path { get; } = Find("tests/samples/document.pdf");

    public static byte[] Bytes { get; } = File.ReadAllBytes(Path);

    /// <summary>Each page's size at 144 DPI, by page number less one.</summary>
    public static (int Width, int Height)[] Sizes { get; } = [(1224, 1584), (1190, 1684), (1684, 1190)];

    /// <summary>
    /// What a request body carrying a rendering of <paramref name="page"/> (1-based) at 144 DPI contains, so that a
    /// server can tell the pages apart: the image is a data: URL, and the first 24 bytes of a PNG (signature, IHDR's
    /// length and type, width, height) are the first 32 characters of its Base64.
    /// </summary>
    public static string Marker(int page)
    {
        byte[] head = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 0, 0, 0, 0, 0];
        BinaryPrimitives.WriteInt32BigEndian(head.AsSpan(16), Sizes[page - 1].Width);
        BinaryPrimitives.WriteInt32BigEndian(head.AsSpan(20), Sizes[page - 1].Height);
        return "base64," + Convert.ToBase64String(head);
    }

    private static string Find(string relative)
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = System.IO.Path.Combine(directory.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} not found above {TestContext.CurrentContext.TestDirectory}");
    }
}
