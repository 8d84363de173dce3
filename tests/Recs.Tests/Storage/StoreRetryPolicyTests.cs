using System.Net.Sockets;
using Recs.Storage;

namespace Recs.Tests.Storage;

public sealed class StoreRetryPolicyTests
{
    private readonly List<TimeSpan> _waits = [];

    /// <summary>Five attempts, 1 s doubling to 3 s, waits recorded instead of slept.</summary>
    private StoreRetryPolicy Policy(bool untilCancelled = false) => new()
    {
        MaxAttempts = 5,
        InitialDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(3),
        UntilCancelled = untilCancelled,
        Wait = (wait, _) =>
        {
            _waits.Add(wait);
            return Task.CompletedTask;
        },
    };

    /// <summary>An operation that fails <paramref name="failures"/> times (connection refused, unless told otherwise), then answers its attempt number.</summary>
    private static Func<CancellationToken, Task<int>> Flaky(int failures, Func<Exception>? error = null)
    {
        int attempts = 0;
        return _ => ++attempts <= failures
            ? Task.FromException<int>(error?.Invoke() ?? new SocketException((int)SocketError.ConnectionRefused))
            : Task.FromResult(attempts);
    }

    [Fact]
    public async Task Retries_with_capped_exponential_backoff_until_the_store_answers()
    {
        var failures = new List<StoreRetryFailure>();
        int answeredOn = await Policy().RunAsync(Flaky(3), failures.Add);

        Assert.Equal(4, answeredOn);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)], _waits);
        Assert.Equal([1, 2, 3], failures.Select(f => f.Attempt));
        Assert.StartsWith("attempt 1/5: ", failures[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_gives_up_after_the_last_attempt_with_the_last_error()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<SocketException>(() => Policy().RunAsync(ct =>
        {
            attempts++;
            return Flaky(10)(ct);
        }));
        Assert.Equal(5, attempts);
        Assert.Equal(4, _waits.Count);
    }

    [Fact]
    public async Task A_command_does_not_retry_programming_errors_or_refused_credentials()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Policy().RunAsync(Flaky(10, () => new ArgumentException("bad"))));
        var refused = new Npgsql.PostgresException("password authentication failed", "FATAL", "FATAL", "28P01");
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Policy().RunAsync(Flaky(10, () => refused)));
        Assert.Empty(_waits);
    }

    [Fact]
    public async Task A_service_keeps_trying_past_the_attempts_at_the_slowest_pace_whatever_the_fault()
    {
        int answeredOn = await Policy(untilCancelled: true).RunAsync(Flaky(8, () => new InvalidOperationException("not yet")));

        Assert.Equal(9, answeredOn);
        Assert.Equal([1, 2, 3, 3, 3, 3, 3, 3], _waits.Select(w => w.TotalSeconds));
    }

    [Fact]
    public async Task Cancellation_ends_the_retries()
    {
        using var cancel = new CancellationTokenSource();
        var policy = Policy(untilCancelled: true) with
        {
            Wait = (_, ct) =>
            {
                cancel.Cancel();
                return Task.Delay(Timeout.Infinite, ct);
            },
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => policy.RunAsync(Flaky(100), ct: cancel.Token));
    }
}
