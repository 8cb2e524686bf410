using System.Buffers.Binary;
using System.Text;

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

    /// <summary>The page (1-based) whose rendering a request body carries, or 0 when none of them.</summary>
    public static int PageIn(byte[] requestBody)
    {
        // The image is a data: URL; the first 24 bytes of a PNG (signature, IHDR's length and type, width, height)
        // are the first 32 characters of its Base64.
        string body = Encoding.UTF8.GetString(requestBody);
        const string marker = "base64,";
        int at = body.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return 0;
        }

        byte[] head = Convert.FromBase64String(body.Substring(at + marker.Length, 32));
        var size = (BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(20)));
        return Array.IndexOf(Sizes, size) + 1;
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
