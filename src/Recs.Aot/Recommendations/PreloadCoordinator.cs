using Recs.Aot.Http.Contracts;
using Recs.Engine.Serving;

namespace Recs.Aot.Recommendations;

/// <summary>
/// Warms the cache for the most active users in the background, one run at a time, on at most
/// <see cref="MaxParallelism"/> threads. A repeat call reports progress; a new run starts only when none is running
/// and none ran yet, a different count is asked for, or the last run's entries have expired. A run stops when the
/// service stops, and the service waits for it before it releases the cache the run writes to.
/// </summary>
public sealed class PreloadCoordinator(
    ModelHolder holder, RecommendationService recommendations, RecommendationCache cache, IHostApplicationLifetime lifetime,
    ILogger<PreloadCoordinator> log) : IAsyncDisposable
{
    /// <summary>
    /// Threads one run uses: half the cores (at least one). Warming is pure computation, so the other half stays free
    /// for requests and training.
    /// </summary>
    public static readonly int MaxParallelism = System.Math.Max(1, Environment.ProcessorCount / 2);

    private readonly Lock _gate = new();
    private Task _running = Task.CompletedTask;
    private int _asked;
    private int _requested;
    private int _completed;
    private int _failed;
    private DateTimeOffset? _startedAt;
    private DateTimeOffset? _finishedAt;

    /// <summary>Starts a preload of <paramref name="count"/> users unless one is running; returns the current progress.</summary>
    public PreloadResponse StartOrReport(int count)
    {
        lock (_gate)
        {
            bool stale = _finishedAt is null || DateTimeOffset.UtcNow - _finishedAt > cache.Ttl || count != _asked;
            if (_running.IsCompleted && stale && holder.Current is { } model)
            {
                var users = MostActive(model, count);
                _asked = count;
                _requested = users.Length;
                _completed = 0;
                _failed = 0;
                _startedAt = DateTimeOffset.UtcNow;
                _finishedAt = null;
                _running = Task.Run(() => Run(users));
            }
            return Progress();
        }
    }

    public PreloadResponse Progress()
    {
        string state = _startedAt is null ? "idle" : _running.IsCompleted ? "done" : "running";
        var end = _finishedAt ?? DateTimeOffset.UtcNow;
        double elapsed = _startedAt is { } s ? System.Math.Round((end - s).TotalMilliseconds, 1) : 0;
        return new PreloadResponse(state, _requested, Volatile.Read(ref _completed), Volatile.Read(ref _failed), _startedAt, elapsed);
    }

    /// <summary>Waits for a run in progress, which the stopping service has already told to stop.</summary>
    public async ValueTask DisposeAsync()
    {
        Task running;
        lock (_gate)
            running = _running;
        await running.ConfigureAwait(false);
    }

    private void Run(string[] users)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelism, CancellationToken = lifetime.ApplicationStopping };
        try
        {
            Parallel.ForEach(users, options, user =>
            {
                try
                {
                    var result = recommendations.Warm(user);
                    Interlocked.Increment(ref result.Cached ? ref _completed : ref _failed);
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref _failed);
                    log.LogWarning("preload: {User} failed: {Error}", user, e.Message);
                }
            });
        }
        catch (OperationCanceledException)
        {
            log.LogInformation("preload: stopped with the service after {Completed} of {Requested} users", Volatile.Read(ref _completed), _requested);
        }
        lock (_gate)
            _finishedAt = DateTimeOffset.UtcNow;
    }

    private static string[] MostActive(ServingModel model, int count)
    {
        var data = model.Data;
        var order = Enumerable.Range(0, data.UserCount)
            .OrderByDescending(u => data.UserOffsets[u + 1] - data.UserOffsets[u])
            .ThenBy(u => u)
            .Take(count);
        return [.. order.Select(u => data.Users[u])];
    }
}
