using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using DeepSeekOcr.Client.Http;
using DeepSeekOcr.Client.Tests.Support;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace DeepSeekOcr.Client.Tests.Transport;

/// <summary>
/// Which HTTP version a request goes out on, as the server saw it: HTTP/2 when a TLS server offers h2 in ALPN,
/// HTTP/1.1 when it offers only http/1.1 and over plain http; requests in flight share HTTP/2 connections, and
/// HTTP/1.1 connections are reused. Kestrel over TLS with a certificate made here; the client is the stack every
/// client gets (<see cref="HttpClientFactory.CreateSocketsHandler"/>), told to trust that one certificate only.
/// </summary>
public sealed class HttpVersionTests
{
    private X509Certificate2 _certificate = null!;

    [OneTimeSetUp]
    public void MakeCertificate() => _certificate = TestCertificates.CreateSelfSigned();

    [OneTimeTearDown]
    public void DisposeCertificate() => _certificate.Dispose();

    /// <summary>The default network stack, trusting the test's certificate and no other; the caller disposes it.</summary>
    private SocketsHttpHandler TrustingTestCertificate(OcrClientOptions options)
    {
        var sockets = HttpClientFactory.CreateSocketsHandler(options);
        byte[] trusted = _certificate.RawData;
        sockets.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, errors) =>
            presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(trusted)
            && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None; // only the chain: it is self-signed
        return sockets;
    }

    private (OcrClient Client, SocketsHttpHandler Sockets) Client(KestrelTlsServer server)
    {
        var options = TestClients.Options(server.BaseUrl);
        var sockets = TrustingTestCertificate(options);
        return (new OcrClient(options with { Handler = sockets }), sockets);
    }

    [Test]
    public async Task RecognizeAndStream_TlsServerOffersH2_ArriveAsHttp2()
    {
        await using var server = await KestrelTlsServer.StartAsync(HttpProtocols.Http1AndHttp2, _certificate);
        var (client, sockets) = Client(server);
        using var _ = sockets;
        using var __ = client;

        var result = await client.RecognizeAsync(TestClients.PngRequest());
        var (deltas, streamed) = await TestClients.StreamAllAsync(client, TestClients.PngRequest());
        using var blocking = await client.StreamAsync(TestClients.PngRequest());
        var blockingDeltas = await Task.Run(() => TestClients.ReadAllBlocking(blocking));

        Assert.That(result.Text, Is.EqualTo(KestrelTlsServer.Text));
        Assert.That(streamed.Text, Is.EqualTo(KestrelTlsServer.Text));
        Assert.That(deltas, Is.EqualTo(new[] { "Hello", " over TLS" }));
        Assert.That(blockingDeltas, Is.EqualTo(deltas));
        Assert.That(server.Protocols, Is.EqualTo(new[] { "HTTP/2", "HTTP/2", "HTTP/2" }));
        Assert.That(server.Connections, Is.EqualTo(1), "one HTTP/2 connection, reused");
    }

    [Test]
    public async Task Recognize_TlsServerOffersOnlyHttp11_ArrivesAsHttp11()
    {
        await using var server = await KestrelTlsServer.StartAsync(HttpProtocols.Http1, _certificate);
        var (client, sockets) = Client(server);
        using var _ = sockets;
        using var __ = client;

        for (int i = 0; i < 3; i++)
        {
            Assert.That((await client.RecognizeAsync(TestClients.PngRequest())).Text, Is.EqualTo(KestrelTlsServer.Text));
        }

        Assert.That(server.Protocols, Is.EqualTo(new[] { "HTTP/1.1", "HTTP/1.1", "HTTP/1.1" }));
        Assert.That(server.Connections, Is.EqualTo(1), "one after the other, the requests reuse one connection");
    }

    [Test]
    public async Task Recognize_PlainHttpServerOffersBoth_StaysHttp11()
    {
        await using var server = await KestrelTlsServer.StartAsync(HttpProtocols.Http1AndHttp2, certificate: null);
        using var client = TestClients.Create(server.BaseUrl);

        Assert.That((await client.RecognizeAsync(TestClients.PngRequest())).Text, Is.EqualTo(KestrelTlsServer.Text));

        Assert.That(server.Protocols, Is.EqualTo(new[] { "HTTP/1.1" }));
    }

    [Test]
    public async Task Recognize_ManyInFlightOverH2_ShareOneConnection()
    {
        const int inFlight = 32; // under Kestrel's 100 streams per connection
        await using var server = await KestrelTlsServer.StartAsync(HttpProtocols.Http1AndHttp2, _certificate, delay: TimeSpan.FromMilliseconds(300));
        var (client, sockets) = Client(server);
        using var _ = sockets;
        using var __ = client;
        await client.RecognizeAsync(TestClients.PngRequest()); // the connection exists before the burst

        var results = await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => client.RecognizeAsync(TestClients.PngRequest())));

        Assert.That(results.Select(r => r.Text), Is.All.EqualTo(KestrelTlsServer.Text));
        Assert.That(server.Protocols, Has.Count.EqualTo(inFlight + 1).And.All.EqualTo("HTTP/2"));
        Assert.That(server.Connections, Is.EqualTo(1));
        Assert.That(server.MostInFlight, Is.GreaterThan(1), "the requests ran at the same time, not one after the other");
    }

    [Test]
    public async Task Recognize_TlsServerWithAnUntrustedCertificate_IsRefusedWithH2Offered()
    {
        await using var server = await KestrelTlsServer.StartAsync(HttpProtocols.Http1AndHttp2, _certificate);
        using var client = TestClients.Create(server.BaseUrl); // the stack every client gets, trusting only the system's roots

        var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

        Assert.That(e.Status, Is.EqualTo(OcrStatus.Network));
        Assert.That(e.Message, Does.Contain("SSL").Or.Contain("certificate"));
        Assert.That(server.Protocols, Is.Empty, "nothing may be sent through a connection with an untrusted certificate");
    }
}
