namespace DeepSeekOcr.Client.Images;

/// <summary>The image formats the service accepts, with their MIME types.</summary>
internal enum ImageFormat
{
    Png,
    Jpeg,
    WebP,
    Bmp,
}
