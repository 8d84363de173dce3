using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Recs.Tests.Support;

/// <summary>The outage tests are only as honest as their proxy: it forwards, cuts, refuses, holds and heals as documented.</summary>
public sealed class TcpProxyTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Proxy_forwards_until_cut_resets_open_connections_refuses_new_ones_and_forwards_again_after_restore()
    {
        await using var echo = EchoServer.Start();
        await using var proxy = TcpProxy.Start(echo.Port);

        using var open = await ConnectAsync(proxy.Port);
        Assert.Equal("before", await EchoAsync(open, "before"));

        proxy.Cut(OutageKind.Refuse);
        Assert.True(await IsClosedAsync(open), "a connection open at the cut must be reset");
        Assert.True(await IsRefusedAsync(proxy.Port), "a connection made during a refusing outage must be reset at once");
        Assert.Equal(1, proxy.Refused);

        proxy.Restore();
        using var healed = await ConnectAsync(proxy.Port);
        Assert.Equal("after", await EchoAsync(healed, "after"));
        Assert.Equal(2, proxy.Forwarded);
    }

    [Fact]
    public async Task Blackholed_connection_is_accepted_but_never_answered_and_is_reset_when_the_route_heals()
    {
        await using var echo = EchoServer.Start();
        await using var proxy = TcpProxy.Start(echo.Port);
        proxy.Cut(OutageKind.Blackhole);

        using var held = await ConnectAsync(proxy.Port);
        await held.SendAsync(Encoding.ASCII.GetBytes("anyone?"), SocketFlags.None);
        using (var timeout = new CancellationTokenSource(Quiet))
        {
            var buffer = new byte[16];
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await held.ReceiveAsync(buffer, SocketFlags.None, timeout.Token));
        }
        Assert.Equal(1, proxy.Held);
        Assert.Equal(0, echo.Accepted);

        proxy.Restore();
        Assert.True(await IsClosedAsync(held), "a connection held by the blackhole must be reset when the route heals");
    }

    [Fact]
    public async Task Stalled_connection_stays_open_but_carries_nothing_and_is_reset_when_the_route_heals()
    {
        await using var echo = EchoServer.Start();
        await using var proxy = TcpProxy.Start(echo.Port);
        using var open = await ConnectAsync(proxy.Port);
        Assert.Equal("before", await EchoAsync(open, "before"));

        proxy.Cut(OutageKind.Stall);
        await open.SendAsync(Encoding.ASCII.GetBytes("lost"), SocketFlags.None);
        Assert.False(await IsClosedAsync(open), "a stalled connection must neither answer nor close");

        proxy.Restore();
        Assert.True(await IsClosedAsync(open), "a connection stalled during the outage must be reset when the route heals");
        using var healed = await ConnectAsync(proxy.Port);
        Assert.Equal("after", await EchoAsync(healed, "after"));
    }

    private static async Task<Socket> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<string> EchoAsync(Socket socket, string text)
    {
        await socket.SendAsync(Encoding.ASCII.GetBytes(text), SocketFlags.None);
        var buffer = new byte[64];
        int read = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (read < text.Length)
        {
            int n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, timeout.Token);
            if (n == 0)
                break;
            read += n;
        }
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    // The reset may reach the client before its connect completes or just after; either way no byte gets through.
    private static async Task<bool> IsRefusedAsync(int port)
    {
        Socket socket;
        try
        {
            socket = await ConnectAsync(port);
        }
        catch (SocketException)
        {
            return true;
        }
        using (socket)
            return await IsClosedAsync(socket);
    }

    // Closed means the peer ended the connection (reset or end of stream) within a short wait; silence is not closed.
    private static async Task<bool> IsClosedAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(Quiet);
        try
        {
            return await socket.ReceiveAsync(new byte[16], SocketFlags.None, timeout.Token) == 0;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
