namespace DeepSeekOcr.Client.Images;

/// <summary>
/// Where the image of a request comes from: a file or a buffer (sent as a Base64 <c>data:</c> URL, checked before
/// anything is sent) or a URL (sent as is).
/// </summary>
public abstract class ImageSource
{
    private protected ImageSource()
    {
    }

    public static ImageSource FromFile(string path) => FromFile(path, "the image path");

    public static ImageSource FromBytes(ReadOnlyMemory<byte> bytes) => FromBytes(bytes, "the image buffer");

    public static ImageSource FromUrl(string url) => FromUrl(url, "the image URL");

    /// <summary>As the public factory, with <paramref name="name"/> naming the image in messages as its caller does (the C exports: "image_path").</summary>
    internal static ImageSource FromFile(string path, string name) => new FileImageSource(path, name);

    /// <inheritdoc cref="FromFile(string, string)"/>
    internal static ImageSource FromBytes(ReadOnlyMemory<byte> bytes, string name) => new MemoryImageSource(bytes, name);

    /// <inheritdoc cref="FromFile(string, string)"/>
    internal static ImageSource FromUrl(string url, string name) => new UrlImageSource(url, name);
}
