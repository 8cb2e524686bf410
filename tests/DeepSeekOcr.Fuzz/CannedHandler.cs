using System.Net;
using System.Net.Http.Headers;

namespace DeepSeekOcr.Fuzz;

/// <summary>Answers every request with the next canned body, delivered by a <see cref="ChunkedStream"/>.</summary>
internal sealed class CannedHandler(Random random) : HttpMessageHandler
{
    public byte[] Body { get; set; } = [];

    public string MediaType { get; set; } = "text/event-stream";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new StreamContent(new ChunkedStream(Body, random));
        content.Headers.ContentType = new MediaTypeHeaderValue(MediaType);
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }
}
