using System.Diagnostics;
using Microsoft.Extensions.Options;
using Recs.Aot.Observability;
using Recs.Engine.Storage;

namespace Recs.Aot.Hosting;

/// <summary>
/// The database's health as /health reports it (reachable, round trip, row counts), measured at most once per
/// <see cref="RecsOptions.HealthProbeCacheSeconds"/> and by one caller at a time: however often a platform or a stranger
/// polls /health, the database sees at most one ping and one count query per period.
/// </summary>
public sealed class StoreProbe(IRatingStore store, StoreStatus status, RecsMetrics metrics, IOptions<RecsOptions> options)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private readonly TimeSpan _reuse = TimeSpan.FromSeconds(System.Math.Max(0, options.Value.HealthProbeCacheSeconds));
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Reading? _last;

    /// <summary>One measurement: reachable with latency and counts, or unreachable with the error.</summary>
    public sealed record Reading(bool Reachable, double? LatencyMs, StoreCounts? Counts, string? Error, DateTimeOffset At);

    public async Task<Reading> ReadAsync(CancellationToken ct)
    {
        var last = _last;
        if (last is not null && DateTimeOffset.UtcNow - last.At < _reuse)
            return last;
        // Someone else is measuring: answer with the previous reading rather than queue behind them.
        if (!await _gate.WaitAsync(last is null ? System.Threading.Timeout.InfiniteTimeSpan : TimeSpan.Zero, ct))
            return last!;
        try
        {
            if (_last is { } fresh && DateTimeOffset.UtcNow - fresh.At < _reuse)
                return fresh;
            return _last = await MeasureAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(TimeSpan Latency, StoreCounts Counts)> PingAndCountAsync(CancellationToken ct)
    {
        var latency = await store.PingAsync(ct);
        metrics.StoreOperationCompleted(StoreOperation.Ping, latency);
        long counting = Stopwatch.GetTimestamp();
        var counts = await store.CountAsync(ct);
        metrics.StoreOperationCompleted(StoreOperation.Count, Stopwatch.GetElapsedTime(counting));
        return (latency, counts);
    }

    private async Task<Reading> MeasureAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        try
        {
            // Cancelling a command on a connection that silently stopped answering can itself wait on the network, so
            // the deadline is also enforced by not waiting any longer: the probe answers "unreachable" on time.
            var (latency, counts) = await PingAndCountAsync(timeout.Token).WaitAsync(Timeout, ct);
            status.MarkConnected();
            return new Reading(true, System.Math.Round(latency.TotalMilliseconds, 3), counts, null, DateTimeOffset.UtcNow);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            string error = e is OperationCanceledException or TimeoutException ? $"no answer within {Timeout.TotalSeconds:0}s" : e.Message;
            return new Reading(false, null, null, error, DateTimeOffset.UtcNow);
        }
    }
}
