using System.Net;
using System.Net.Http.Headers;

namespace DeepSeekOcr.Client.Http;

/// <summary>
/// Builds the one <see cref="HttpClient"/> a client owns: pooled connections, TLS verified, no redirects, HTTP/2 where
/// a TLS server offers it, and the pipeline every request goes through, outermost first: <see cref="RetryHandler"/>
/// (tries again, waits), <see cref="FailureHandler"/> (one try's failure as an <see cref="OcrException"/>),
/// <see cref="HttpVersionHandler"/> (HTTP/2 over https), then the sockets.
/// </summary>
/// <remarks>
/// Two plain <see cref="DelegatingHandler"/>s rather than Polly or Microsoft.Extensions.Http.Resilience: both are
/// served and publish AOT-clean (a throwaway app with AddStandardResilienceHandler published without a trim or AOT
/// warning), but the resilience package brings dependency injection, options, logging and telemetry into a native
/// library that has no host, and neither gives the behaviours this client promises (a Retry-After over the cap refused
/// with the wait in the message, the last answer's details in the failure, no retry once a stream has begun) without
/// writing them as callbacks, which would be these same few lines.
/// </remarks>
internal static class HttpClientFactory
{
    private static readonly ProductInfoHeaderValue UserAgent = new("deepseek-ocr-native", typeof(HttpClientFactory).Assembly.GetName().Version?.ToString(3) ?? "1.0.0");

    public static HttpClient Create(OcrClientSettings settings)
    {
        var options = settings.Options;
        HttpMessageHandler sockets = options.Handler ?? CreateSocketsHandler(options);
        var version = new HttpVersionHandler { InnerHandler = sockets };
        var failures = new FailureHandler(settings) { InnerHandler = version };
        var retries = new RetryHandler(options.MaxRetries, options.MaxRetryAfter, settings.TimeProvider) { InnerHandler = failures };

        // A caller's own handler is theirs to dispose (disposing the pipeline would dispose it); the steps hold nothing else.
        var client = new HttpClient(retries, disposeHandler: options.Handler is null)
        {
            BaseAddress = settings.BaseAddress,
            // Each call enforces its own deadlines (CallDeadlines), including while a stream is read.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.UserAgent.Add(UserAgent);
        if (!string.IsNullOrEmpty(settings.ApiKey))
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        }

        return client;
    }

    /// <summary>
    /// The network stack a client gets when it is given none. Internal so that tests can run this exact stack against
    /// a TLS server whose test certificate they trust: no public option or C ABI setting reaches certificate checks.
    /// </summary>
    internal static SocketsHttpHandler CreateSocketsHandler(OcrClientOptions options) => new()
    {
        // Runs on the system clock whatever TimeProvider the client has: the sockets layer takes no other.
        ConnectTimeout = options.ConnectTimeout,
        // A redirect would re-send the body to an address the caller did not choose (and drop or leak the
        // Authorization header): FailureHandler fails the call instead and says where it was sent.
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        // HTTP/1.1 opens a connection per request in flight, without a limit (MaxConnectionsPerServer's default), and
        // keeps them for reuse. An HTTP/2 connection carries as many requests as the server allows at once (often
        // 100, Kestrel's default, or 128); past that the requests open another connection instead of queueing.
        EnableMultipleHttp2Connections = true,
        // Certificates are always verified: no SslOptions.RemoteCertificateValidationCallback is ever set.
    };
}
