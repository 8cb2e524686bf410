namespace DeepSeekOcr.Protocol.Images;

/// <summary>The image formats the service accepts.</summary>
public enum ImageFormat
{
    Png,
    Jpeg,
    WebP,
    Bmp,
}
