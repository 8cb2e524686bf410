using System.Net;
using System.Net.Http.Headers;

namespace DeepSeekOcr.Client.Http;

/// <summary>Builds the one <see cref="HttpClient"/> a client owns: pooled connections, TLS verified, no redirects.</summary>
internal static class HttpClientFactory
{
    private static readonly ProductInfoHeaderValue UserAgent = new("deepseek-ocr-native", typeof(HttpClientFactory).Assembly.GetName().Version?.ToString(3) ?? "1.0.0");

    public static HttpClient Create(Uri baseAddress, string? apiKey, OcrClientOptions options)
    {
        HttpMessageHandler handler = options.Handler ?? new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            // A redirect would re-send the body to an address the caller did not choose (and drop or leak the
            // Authorization header): the call fails instead and says where it was sent.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            // Certificates are always verified: no SslOptions.RemoteCertificateValidationCallback is ever set.
        };
        var client = new HttpClient(handler, disposeHandler: options.Handler is null)
        {
            BaseAddress = baseAddress,
            // Each call enforces its own deadlines (CallScope), including while a stream is read.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.UserAgent.Add(UserAgent);
        if (!string.IsNullOrEmpty(apiKey))
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }
}
