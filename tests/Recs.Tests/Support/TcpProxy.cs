using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Recs.Tests.Support;

/// <summary>
/// A TCP forwarder from 127.0.0.1 on an ephemeral port to one upstream port on 127.0.0.1, which a test can cut and
/// restore to play a network outage between the service and its database. A cut either resets every open connection
/// (the peer sees ECONNRESET, as after a server crash) and then resets new ones at once (<see cref="OutageKind.Refuse"/>)
/// or accepts them and never answers (<see cref="OutageKind.Blackhole"/>, as behind a dropped route); or it leaves open
/// connections open but carrying nothing (<see cref="OutageKind.Stall"/>, as when packets are silently dropped), so
/// that the client's own timeouts are what end them.
/// </summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private const int BufferBytes = 16 * 1024;

    private readonly TcpListener _listener;
    private readonly int _upstreamPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<ProxiedConnection, byte> _open = new();
    private readonly Lock _gate = new();
    private readonly Task _acceptLoop;
    private OutageKind? _outage;
    private volatile TaskCompletionSource _flowing = Flowing();
    private int _forwarded;
    private int _refused;
    private int _held;

    private TcpProxy(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>The port clients connect to, on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Connections forwarded upstream since the proxy started.</summary>
    public int Forwarded => Volatile.Read(ref _forwarded);

    /// <summary>Connections reset on arrival because the proxy was cut with <see cref="OutageKind.Refuse"/>.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Connections accepted and left unanswered because the proxy was cut with <see cref="OutageKind.Blackhole"/> or <see cref="OutageKind.Stall"/>.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Starts forwarding 127.0.0.1:{ephemeral} to 127.0.0.1:<paramref name="upstreamPort"/>.</summary>
    public static TcpProxy Start(int upstreamPort) => new(upstreamPort);

    /// <summary>Starts an outage of <paramref name="kind"/>, which lasts until <see cref="Restore"/>.</summary>
    public void Cut(OutageKind kind)
    {
        lock (_gate)
        {
            _outage = kind;
            if (kind == OutageKind.Stall)
                _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            else
                ResetAll();
        }
    }

    /// <summary>
    /// Forwards new connections again. Connections held or stalled during the outage are reset, as the far end
    /// would do with connections it has long forgotten; what a stalled connection had buffered is never delivered.
    /// </summary>
    public void Restore()
    {
        lock (_gate)
        {
            _outage = null;
            var stalled = _flowing;
            _flowing = Flowing();
            ResetAll();
            stalled.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_gate)
        {
            ResetAll();
            // Pumps parked by a stall that was never restored wake up, find their sockets gone and end.
            _flowing.TrySetResult();
        }
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private void ResetAll()
    {
        foreach (var connection in _open.Keys)
            connection.Reset();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            ProxiedConnection? connection = null;
            lock (_gate)
            {
                // Decided under the lock that Cut takes, so no connection slips past a cut into the forwarding state.
                switch (_outage)
                {
                    case OutageKind.Refuse:
                        Interlocked.Increment(ref _refused);
                        ProxiedConnection.Abort(client);
                        break;
                    case OutageKind.Blackhole or OutageKind.Stall:
                        Interlocked.Increment(ref _held);
                        _open.TryAdd(new ProxiedConnection(client, null), 0);
                        break;
                    default:
                        Interlocked.Increment(ref _forwarded);
                        connection = new ProxiedConnection(client, new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
                        _open.TryAdd(connection, 0);
                        break;
                }
            }
            if (connection is not null)
                _ = ForwardAsync(connection);
        }
    }

    private async Task ForwardAsync(ProxiedConnection connection)
    {
        try
        {
            await connection.Upstream!.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _upstreamPort), _stop.Token);
            var up = PumpAsync(connection.Client, connection.Upstream);
            var down = PumpAsync(connection.Upstream, connection.Client);
            // A failed direction takes the other down with it; a clean end (FIN) lets the other finish its bytes.
            if (!await await Task.WhenAny(up, down))
                connection.Reset();
            await Task.WhenAll(up, down);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            connection.Reset();
        }
        finally
        {
            _open.TryRemove(connection, out _);
            connection.Close();
        }
    }

    private static TaskCompletionSource Flowing()
    {
        var flowing = new TaskCompletionSource();
        flowing.SetResult();
        return flowing;
    }

    // True when the sender ended cleanly; false when either socket failed or was reset.
    private async Task<bool> PumpAsync(Socket from, Socket to)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            while (true)
            {
                int read = await from.ReceiveAsync(buffer.AsMemory(), SocketFlags.None);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return true;
                }
                // During a stall the bytes are read and kept, as a dropped packet is lost to the receiver.
                await _flowing.Task;
                for (int sent = 0; sent < read;)
                    sent += await to.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
