using Recs.Engine.Storage;

namespace Recs.Storage;

/// <summary>Brings a store up at start-up: migrates it, retrying with backoff while the database is still starting.</summary>
public static class StoreConnector
{
    /// <summary>
    /// Runs <see cref="IRatingStore.MigrateAsync"/> until it succeeds or <see cref="StoreRetryOptions.MaxAttempts"/> are spent,
    /// reporting each failure to <paramref name="log"/>; rethrows the last error. <paramref name="delay"/> replaces the real wait in tests.
    /// </summary>
    public static async Task MigrateWithRetryAsync(
        IRatingStore store,
        StoreRetryOptions? options = null,
        Action<string>? log = null,
        CancellationToken ct = default,
        Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new StoreRetryOptions();
        delay ??= Task.Delay;
        int maxAttempts = System.Math.Max(1, options.MaxAttempts);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await store.MigrateAsync(ct);
                log?.Invoke($"{store.Kind} store ready (attempt {attempt})");
                return;
            }
            catch (Exception e) when (attempt < maxAttempts && !ct.IsCancellationRequested && IsRetryable(e))
            {
                var wait = options.DelayAfter(attempt);
                log?.Invoke($"{store.Kind} store not ready (attempt {attempt}/{maxAttempts}): {e.Message}; retrying in {wait.TotalSeconds:0.#} s");
                await delay(wait, ct);
            }
        }
    }

    // Programming errors and refused credentials will not heal by waiting; network errors and a starting server might.
    private static bool IsRetryable(Exception e) =>
        e is not (ArgumentException or InvalidOperationException or NotSupportedException or OperationCanceledException)
        && e is not Npgsql.PostgresException { SqlState: "28P01" or "28000" };
}
