using Npgsql;

namespace Recs.Storage;

/// <summary>
/// The one retry policy for store connections: waits growing from <see cref="InitialDelay"/> by doubling up to
/// <see cref="MaxDelay"/> between attempts. A command (<see cref="Startup"/>) gives up after <see cref="MaxAttempts"/>
/// or at once on a fault that waiting cannot heal, rethrowing it; a service (<see cref="UntilCancelled"/>) retries every
/// fault, at <see cref="MaxDelay"/> once <see cref="MaxAttempts"/> are spent, until it is cancelled.
/// </summary>
public sealed record StoreRetryPolicy
{
    /// <summary>What a command such as `recs import` allows a database that is still starting: 8 attempts over about 40 s.</summary>
    public static StoreRetryPolicy Startup { get; } = new();

    /// <summary>Attempts at growing intervals; at least 1.</summary>
    public int MaxAttempts { get; init; } = 8;

    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Never give up: for a service, which stays up and reports the store as failing rather than exiting.</summary>
    public bool UntilCancelled { get; init; }

    /// <summary>How a wait is spent; tests replace it to run the schedule without sleeping.</summary>
    public Func<TimeSpan, CancellationToken, Task> Wait { get; init; } = Task.Delay;

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        if (attempt >= MaxAttempts)
            return MaxDelay;
        double factor = System.Math.Pow(2, System.Math.Clamp(attempt - 1, 0, 30));
        return TimeSpan.FromMilliseconds(System.Math.Min(InitialDelay.TotalMilliseconds * factor, MaxDelay.TotalMilliseconds));
    }

    /// <summary>
    /// Runs <paramref name="action"/> until it succeeds, calling <paramref name="onFailure"/> before each wait; rethrows
    /// the fault it gives up on (never, with <see cref="UntilCancelled"/>, except for cancellation of <paramref name="ct"/>).
    /// </summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> action, Action<StoreRetryFailure>? onFailure = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await action(ct);
            }
            catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested)
                && (UntilCancelled || (attempt < MaxAttempts && IsTransient(e))))
            {
                var wait = DelayAfter(attempt);
                onFailure?.Invoke(new StoreRetryFailure(attempt, System.Math.Max(1, MaxAttempts), e, wait));
                await Wait(wait, ct);
            }
        }
    }

    /// <inheritdoc cref="RunAsync{T}"/>
    public Task RunAsync(Func<CancellationToken, Task> action, Action<StoreRetryFailure>? onFailure = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        return RunAsync(async c =>
        {
            await action(c);
            return true;
        }, onFailure, ct);
    }

    /// <summary>
    /// Whether waiting might heal <paramref name="e"/>: network errors and a starting server might; programming errors,
    /// cancellation and refused credentials will not.
    /// </summary>
    public static bool IsTransient(Exception e) =>
        e is not (ArgumentException or InvalidOperationException or NotSupportedException or OperationCanceledException)
        && e is not PostgresException { SqlState: "28P01" or "28000" };
}
