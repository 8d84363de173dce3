using System.Net.Sockets;

namespace Recs.Tests.Support;

/// <summary>One client connection of a <see cref="TcpProxy"/> and, unless it is held by a blackhole, its upstream socket.</summary>
internal sealed class ProxiedConnection(Socket client, Socket? upstream)
{
    private int _reset;

    public Socket Client { get; } = client;
    public Socket? Upstream { get; } = upstream;

    /// <summary>Ends both sides with a TCP reset rather than a clean close, as a crashed peer or a broken route would.</summary>
    public void Reset()
    {
        if (Interlocked.Exchange(ref _reset, 1) == 1)
            return;
        Abort(Client);
        if (Upstream is not null)
            Abort(Upstream);
    }

    /// <summary>Releases both sockets once forwarding has ended.</summary>
    public void Close()
    {
        Client.Dispose();
        Upstream?.Dispose();
    }

    /// <summary>Closes <paramref name="socket"/> with a zero linger time, which sends RST instead of FIN.</summary>
    public static void Abort(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed or never connected: disposing is all that is left to do.
        }
        socket.Dispose();
    }
}
