using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace DeepSeekOcr.Client.Tests.Support;

/// <summary>
/// A TLS server on 127.0.0.1 with a freshly made self-signed certificate that no one trusts: a client that verifies
/// certificates must refuse to talk to it. Counts the requests that reached it through TLS (with TLS 1.3 the server
/// side of a handshake completes before the client has judged the certificate, so handshakes prove nothing).
/// </summary>
internal sealed class SelfSignedTlsServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _certificate = TestCertificates.CreateSelfSigned();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private int _requests;

    public SelfSignedTlsServer()
    {
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public string BaseUrl => $"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public int RequestsReceived => Volatile.Read(ref _requests);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                await using var tls = new SslStream(client.GetStream());
                await tls.AuthenticateAsServerAsync(_certificate).WaitAsync(TimeSpan.FromSeconds(5), _stop.Token);
                byte[] first = new byte[1];
                if (await tls.ReadAsync(first, _stop.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(5), _stop.Token) > 0)
                {
                    Interlocked.Increment(ref _requests);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (Exception e) when (e is IOException or SocketException or System.Security.Authentication.AuthenticationException or TimeoutException)
            {
                // The client refused the certificate: what the test wants.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        _certificate.Dispose();
        _stop.Dispose();
    }
}
