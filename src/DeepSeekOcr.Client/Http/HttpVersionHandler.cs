using System.Net;

namespace DeepSeekOcr.Client.Http;

/// <summary>
/// Asks for HTTP/2 over TLS and keeps plain http on HTTP/1.1. Over https the sockets layer offers both in ALPN and
/// takes what the server picks (<see cref="HttpVersionPolicy.RequestVersionOrLower"/>): many requests in flight then
/// share one connection's streams instead of opening a connection each. Over plain http, HTTP/2 would need prior
/// knowledge (h2c) that an OpenAI-compatible server rarely has, so the request stays HTTP/1.1.
/// </summary>
/// <remarks>
/// A step of the pipeline rather than <see cref="HttpClient.DefaultRequestVersion"/>: that default applies only to
/// requests HttpClient makes itself, and Refit makes its own request messages.
/// </remarks>
internal sealed class HttpVersionHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { Scheme: "https" })
        {
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
