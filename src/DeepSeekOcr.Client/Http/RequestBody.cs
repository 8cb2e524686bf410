using DeepSeekOcr.Client.Images;

namespace DeepSeekOcr.Client.Http;

/// <summary>
/// A request body ready to be sent any number of times: the JSON before the image, the image (written as Base64
/// while sending, if it comes from a file or buffer), and the JSON after it.
/// </summary>
internal sealed class RequestBody(byte[] prefix, ImagePayload? image, byte[] suffix)
{
    public byte[] Prefix { get; } = prefix;

    public ImagePayload? Image { get; } = image;

    public byte[] Suffix { get; } = suffix;

    public long Length => Prefix.Length + (Image?.Base64Length ?? 0) + Suffix.Length;

    public HttpContent ToContent() => new RequestBodyContent(this);
}
