namespace Recs.Storage;

/// <summary>How long start-up keeps trying to reach the database: exponential backoff from <see cref="InitialDelay"/>, capped at <see cref="MaxDelay"/>.</summary>
public sealed record StoreRetryOptions
{
    public int MaxAttempts { get; init; } = 8;
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        double factor = System.Math.Pow(2, System.Math.Clamp(attempt - 1, 0, 30));
        double ms = System.Math.Min(InitialDelay.TotalMilliseconds * factor, MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ms);
    }
}
