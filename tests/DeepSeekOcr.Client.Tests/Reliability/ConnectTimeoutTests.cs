using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DeepSeekOcr.Client.Tests.Support;

namespace DeepSeekOcr.Client.Tests.Reliability;

/// <summary>
/// A listener whose accept queue is full leaves new TCP handshakes unanswered: the connect deadline must fire. It is
/// the socket layer's and runs on the system clock whatever TimeProvider the client has, so this is a real-time test
/// with wide margins.
/// </summary>
public sealed class ConnectTimeoutTests
{
    [Test]
    public async Task RecognizeAsync_HandshakeNeverAnswered_FailsWithTimeoutNamingConnectTimeout()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        int port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var fillers = new List<Socket>();
        try
        {
            await FillAcceptQueueAsync(port, fillers);
            using var client = new OcrClient(TestClients.Options($"http://127.0.0.1:{port}") with { ConnectTimeout = TimeSpan.FromSeconds(1.2) });
            var clock = Stopwatch.StartNew();

            var e = await Expect.FailureAsync(() => client.RecognizeAsync(TestClients.PngRequest()));

            Assert.That(e.Status, Is.EqualTo(OcrStatus.Timeout));
            Assert.That(e.Message, Does.Contain("connect").And.Contain("1200 ms").And.Contain("ConnectTimeout"));
            Assert.That(clock.Elapsed, Is.InRange(TimeSpan.FromSeconds(0.2), TimeSpan.FromSeconds(6)));
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }
    }

    /// <summary>Connects (never accepted) until a handshake goes unanswered, which shows the queue is full.</summary>
    private static async Task FillAcceptQueueAsync(int port, List<Socket> fillers)
    {
        for (int i = 0; i < 16; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            fillers.Add(socket);
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromMilliseconds(100));
            }
            catch (TimeoutException)
            {
                return;
            }
        }

        Assert.Inconclusive("the accept queue never filled up on this system");
    }
}
