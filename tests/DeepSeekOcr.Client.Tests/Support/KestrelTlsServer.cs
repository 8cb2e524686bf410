using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeepSeekOcr.Client.Tests.Support;

/// <summary>
/// Kestrel on 127.0.0.1, over TLS with a certificate made in the test (or plain http), offering the HTTP versions
/// asked for in ALPN, as a real server would. Answers every request with a chat completion, or a short stream when the
/// body asks for one, and records the protocol and connection each request arrived on.
/// </summary>
internal sealed class KestrelTlsServer : IAsyncDisposable
{
    public const string Text = "Hello over TLS";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Protocol, string Connection)> _seen = new();
    private int _inFlight;
    private int _mostInFlight;

    private KestrelTlsServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The protocol of each request received ("HTTP/2", "HTTP/1.1").</summary>
    public IReadOnlyList<string> Protocols => [.. _seen.Select(s => s.Protocol)];

    /// <summary>How many connections the requests came on.</summary>
    public int Connections => _seen.Select(s => s.Connection).Distinct().Count();

    /// <summary>The most requests the server was answering at one time.</summary>
    public int MostInFlight => Volatile.Read(ref _mostInFlight);

    /// <summary>Starts a server; <paramref name="certificate"/> null: plain http. <paramref name="delay"/> holds each answer.</summary>
    public static async Task<KestrelTlsServer> StartAsync(HttpProtocols protocols, X509Certificate2? certificate, TimeSpan delay = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = protocols;
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        var server = new KestrelTlsServer(app);
        app.Run(context => server.AnswerAsync(context, delay));
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return server;
    }

    private async Task AnswerAsync(HttpContext context, TimeSpan delay)
    {
        _seen.Enqueue((context.Request.Protocol, context.Connection.Id));
        int inFlight = Interlocked.Increment(ref _inFlight);
        for (int most = Volatile.Read(ref _mostInFlight); inFlight > most && Interlocked.CompareExchange(ref _mostInFlight, inFlight, most) != most; most = Volatile.Read(ref _mostInFlight))
        {
        }

        try
        {
            using var body = new StreamReader(context.Request.Body);
            bool stream = (await body.ReadToEndAsync(context.RequestAborted)).Contains("\"stream\":true", StringComparison.Ordinal);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            context.Response.ContentType = stream ? "text/event-stream" : "application/json";
            await context.Response.WriteAsync(
                stream ? Answers.Events("\n", Answers.Chunk("Hello"), Answers.Chunk(" over TLS"), Answers.FinishChunk(), "[DONE]") : Answers.Completion(Text),
                context.RequestAborted);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
