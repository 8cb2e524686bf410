using System.Net;
using System.Net.Http.Headers;

namespace DeepSeekOcr.Client.Http;

/// <summary>
/// Writes a <see cref="RequestBody"/> into the request stream with an exact Content-Length (never chunked: some
/// servers and proxies refuse chunked uploads), encoding the images on the way.
/// </summary>
internal sealed class RequestBodyContent : HttpContent
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly RequestBody _body;

    public RequestBodyContent(RequestBody body)
    {
        _body = body;
        Headers.ContentType = Json;
        Headers.ContentLength = body.Length;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_body.Prefix, cancellationToken).ConfigureAwait(false);
        foreach (var part in _body.Images)
        {
            await part.Image.WriteBase64Async(stream, cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(part.Following, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }
}
