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

    public static ImageSource FromFile(string path) => new FileImageSource(path);

    public static ImageSource FromBytes(ReadOnlyMemory<byte> bytes) => new MemoryImageSource(bytes);

    public static ImageSource FromUrl(string url) => new UrlImageSource(url);
}
