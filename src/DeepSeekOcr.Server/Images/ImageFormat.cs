namespace DeepSeekOcr.Server.Images;

/// <summary>The image formats the server accepts, as recognised by their first bytes.</summary>
public enum ImageFormat
{
    Unknown,
    Png,
    Jpeg,
    WebP,
    Bmp,
}
