using System.Net;
using System.Net.Sockets;

namespace DeepSeekOcr.Client.Tests.Support;

/// <summary>Free TCP ports on 127.0.0.1, found by letting the OS pick one.</summary>
internal static class LoopbackPorts
{
    /// <summary>A port nothing listens on right now: connecting to it is refused.</summary>
    public static int Unused()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
