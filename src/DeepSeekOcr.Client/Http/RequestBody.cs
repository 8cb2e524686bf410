using DeepSeekOcr.Client.Images;

namespace DeepSeekOcr.Client.Http;

/// <summary>
/// A request body ready to be sent any number of times: the JSON before the first image, then each image (written as
/// Base64 while sending, if it comes from a file or buffer) with the JSON that follows it.
/// </summary>
internal sealed class RequestBody(byte[] prefix, IReadOnlyList<RequestBodyImage> images)
{
    public byte[] Prefix { get; } = prefix;

    public IReadOnlyList<RequestBodyImage> Images { get; } = images;

    /// <summary>The size of the request's one image, as read from its header when it was checked (a file or buffer).</summary>
    public ImageSize? OnlyImageSize => Images.Count == 1 ? Images[0].Image.Size : null;

    public long Length => Prefix.Length + Images.Sum(part => part.Image.Base64Length + part.Following.Length);

    public HttpContent ToContent() => new RequestBodyContent(this);
}
