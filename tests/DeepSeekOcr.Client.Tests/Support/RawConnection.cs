using System.Net.Sockets;
using System.Text;

namespace DeepSeekOcr.Client.Tests.Support;

/// <summary>One accepted connection of a <see cref="RawHttpServer"/>: the request it carried and ways to answer it.</summary>
internal sealed record RawConnection(TcpClient Client)
{
    private const int MaxHeadBytes = 64 * 1024;

    public int RequestIndex { get; init; }

    public NetworkStream Stream { get; } = Client.GetStream();

    public byte[] RequestBody { get; private set; } = [];

    public Task WriteAsync(string text, CancellationToken cancellationToken) => WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);

    public async Task WriteAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await Stream.WriteAsync(bytes, cancellationToken);
        await Stream.FlushAsync(cancellationToken);
    }

    /// <summary>Aborts the connection with a TCP RST instead of an orderly close.</summary>
    public void Reset()
    {
        Client.LingerState = new LingerOption(true, 0);
        Client.Client.Close();
    }

    /// <summary>Reads the request line, headers and a Content-Length body.</summary>
    public async Task ReadRequestAsync(CancellationToken cancellationToken)
    {
        var head = new List<byte>();
        byte[] one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (head.Count > MaxHeadBytes || await Stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new IOException("the request head did not end");
            }

            head.Add(one[0]);
        }

        int length = 0;
        foreach (string line in Encoding.ASCII.GetString([.. head]).Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        RequestBody = new byte[length];
        await Stream.ReadExactlyAsync(RequestBody, cancellationToken);
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';
}
