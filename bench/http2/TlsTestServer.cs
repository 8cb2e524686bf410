using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace DeepSeekOcr.Benchmarks.Http2;

/// <summary>
/// One Kestrel server on 127.0.0.1 with two TLS endpoints, the same certificate and the same answer: the first offers
/// h2 and http/1.1 in ALPN, the second only http/1.1. Each answer is a small chat completion after a fixed delay
/// (the model's time); the server counts requests per protocol and the connections they came on.
/// </summary>
internal sealed class TlsTestServer : IAsyncDisposable
{
    private static readonly byte[] Completion =
        """{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"deepseek-ocr","choices":[{"index":0,"message":{"role":"assistant","content":"text"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}"""u8.ToArray();

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte> _connections = new();
    private readonly ConcurrentDictionary<string, int> _protocols = new();

    private TlsTestServer(WebApplication app) => _app = app;

    /// <summary>Offers h2 and http/1.1.</summary>
    public string BothUrl { get; private set; } = "";

    /// <summary>Offers http/1.1 only.</summary>
    public string Http11Url { get; private set; } = "";

    public TimeSpan Delay { get; set; }

    public static async Task<TlsTestServer> StartAsync(X509Certificate2 certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => { listen.Protocols = HttpProtocols.Http1AndHttp2; listen.UseHttps(certificate); });
            kestrel.Listen(IPAddress.Loopback, 0, listen => { listen.Protocols = HttpProtocols.Http1; listen.UseHttps(certificate); });
        });
        var app = builder.Build();
        var server = new TlsTestServer(app);
        app.Run(server.AnswerAsync);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToArray();
        server.BothUrl = addresses[0];
        server.Http11Url = addresses[1];
        return server;
    }

    /// <summary>What the requests since the last call came over: "HTTP/2 x N, 1 connection(s)".</summary>
    public string TakeTally()
    {
        string tally = string.Join(", ", _protocols.OrderBy(p => p.Key).Select(p => $"{p.Key} x {p.Value}")) + $", {_connections.Count} connection(s)";
        _protocols.Clear();
        _connections.Clear();
        return tally;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        _protocols.AddOrUpdate(context.Request.Protocol, 1, (_, n) => n + 1);
        _connections.TryAdd(context.Connection.Id, 0);
        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }

        context.Response.ContentType = "application/json";
        context.Response.ContentLength = Completion.Length;
        await context.Response.Body.WriteAsync(Completion, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
