using System.Net;
using System.Net.Sockets;

namespace DeepSeekOcr.Server.Images;

/// <summary>
/// The image downloader's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host itself, connects only
/// to addresses the policy allows and checks the address actually connected to. Every connection goes through here,
/// including those of redirects, so neither a DNS name pointing inwards nor a redirect into the private network
/// gets past it; and since the check is on the resolved address, a second resolution cannot change it (DNS rebinding).
/// </summary>
public sealed class GuardedConnector(ImageAddressPolicy policy)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(address => policy.Refusal(address) is null).ToArray();
        if (allowed.Length == 0)
        {
            throw Refused(host);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            if (socket.RemoteEndPoint is not IPEndPoint { Address: var connected } || policy.Refusal(connected) is not null)
            {
                throw Refused(host);
            }

            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Names the host the caller gave, not what it resolved to: the answer must not map the inside network.</summary>
    private static ImageAddressRefusedException Refused(string host) =>
        new($"image_url refused: '{host}' is not a public address, and this server fetches images only from public addresses");
}
