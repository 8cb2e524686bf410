using System.Net;
using System.Net.Http.Headers;

namespace DeepSeekOcr.Benchmarks.Infrastructure;

/// <summary>
/// Answers every request with the same in-memory body, so a benchmark measures the client's parsing and not the
/// network. The request body is not read: nothing here is sent anywhere.
/// </summary>
public sealed class CannedHandler(byte[] body, string mediaType) : HttpMessageHandler
{
    private readonly MediaTypeHeaderValue _contentType = new(mediaType);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = _contentType;
        content.Headers.ContentLength = body.Length;
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }
}
