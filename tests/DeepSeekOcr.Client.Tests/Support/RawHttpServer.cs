using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DeepSeekOcr.Client.Tests.Support;

/// <summary>
/// An HTTP/1.1 server on 127.0.0.1 written on a bare socket, for what WireMock cannot do: stall, trickle, reset the
/// connection or send an endless line. It reads each request whole, then hands the connection to the test's script;
/// one request per connection, closed when the script returns.
/// </summary>
internal sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<RawConnection, CancellationToken, Task> _script;
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;
    private int _requestCount;

    public RawHttpServer(Func<RawConnection, CancellationToken, Task> script)
    {
        _script = script;
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Requests read whole so far.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>The head of an HTTP/1.1 answer whose body ends when the connection closes, unless a length is given.</summary>
    public static string Head(int status, string contentType, long? contentLength = null)
    {
        var head = new StringBuilder($"HTTP/1.1 {status} {ReasonPhrase(status)}\r\nContent-Type: {contentType}\r\nConnection: close\r\n");
        if (contentLength is { } length)
        {
            head.Append($"Content-Length: {length}\r\n");
        }

        return head.Append("\r\n").ToString();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_connections)
            {
                _connections.Add(ServeAsync(client));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var connection = new RawConnection(client);
                await connection.ReadRequestAsync(_stop.Token);
                int index = Interlocked.Increment(ref _requestCount) - 1;
                await _script(connection with { RequestIndex = index }, _stop.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away or the server is stopping: both are expected endings here.
            }
        }
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections).WaitAsync(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
