using System.Net.Sockets;
using Recs.Engine.Catalog;
using Recs.Engine.Storage;
using Recs.Storage;

namespace Recs.Tests.Storage;

public sealed class StoreConnectorTests
{
    /// <summary>A store whose migration fails a set number of times before it succeeds.</summary>
    private sealed class FlakyStore(int failures, Exception? error = null) : IRatingStore
    {
        public int Attempts { get; private set; }
        public string Kind => "flaky";

        public Task MigrateAsync(CancellationToken ct = default) =>
            ++Attempts <= failures ? Task.FromException(error ?? new SocketException((int)SocketError.ConnectionRefused)) : Task.CompletedTask;

        public Task<TimeSpan> PingAsync(CancellationToken ct = default) => throw new NotSupportedException();
        public Task<StoreCounts> CountAsync(CancellationToken ct = default) => throw new NotSupportedException();
        public Task<int> UpsertFilmsAsync(IEnumerable<Film> films, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<int> UpsertRatingsAsync(IEnumerable<RatingRecord> ratings, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<Film>> LoadFilmsAsync(CancellationToken ct = default) => throw new NotSupportedException();
        public IAsyncEnumerable<RatingRecord> ReadAllRatingsAsync(CancellationToken ct = default) => throw new NotSupportedException();
        public Task ReadAllByIdAsync(Recs.Engine.Data.IdRatingsDatasetBuilder builder, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<string?> GetMetaAsync(string key, CancellationToken ct = default) => throw new NotSupportedException();
        public Task SetMetaAsync(string key, string value, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<long> GetChangeSequenceAsync(CancellationToken ct = default) => throw new NotSupportedException();
        public IAsyncEnumerable<ExclusionRecord> ReadAllExclusionsAsync(CancellationToken ct = default) => throw new NotSupportedException();
        public Task<PersonWriteResult> WritePersonAsync(PersonWrite write, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<StoredPerson?> ReadPersonAsync(string username, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<Film>> LoadFilmsChangedSinceAsync(long since, CancellationToken ct = default) => throw new NotSupportedException();
        public IAsyncEnumerable<RatingRecord> ReadRatingsChangedSinceAsync(long since, CancellationToken ct = default) => throw new NotSupportedException();
        public IAsyncEnumerable<ExclusionSet> ReadExclusionSetsChangedSinceAsync(long since, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<long> CountRatingsChangedSinceAsync(long since, CancellationToken ct = default) => throw new NotSupportedException();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static readonly StoreRetryOptions Options = new()
    {
        MaxAttempts = 5,
        InitialDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(3),
    };

    [Fact]
    public async Task Retries_with_capped_exponential_backoff_until_the_store_answers()
    {
        var store = new FlakyStore(failures: 3);
        var waits = new List<TimeSpan>();
        var log = new List<string>();
        await StoreConnector.MigrateWithRetryAsync(store, Options, log.Add, delay: (wait, _) =>
        {
            waits.Add(wait);
            return Task.CompletedTask;
        });
        Assert.Equal(4, store.Attempts);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)], waits);
        Assert.Equal(4, log.Count);
        Assert.Contains("attempt 1/5", log[0], StringComparison.Ordinal);
        Assert.Contains("ready", log[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gives_up_after_the_last_attempt_with_the_last_error()
    {
        var store = new FlakyStore(failures: 10);
        await Assert.ThrowsAsync<SocketException>(() =>
            StoreConnector.MigrateWithRetryAsync(store, Options, delay: (_, _) => Task.CompletedTask));
        Assert.Equal(5, store.Attempts);
    }

    [Fact]
    public async Task Does_not_retry_programming_errors()
    {
        var store = new FlakyStore(failures: 10, new ArgumentException("bad"));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            StoreConnector.MigrateWithRetryAsync(store, Options, delay: (_, _) => Task.CompletedTask));
        Assert.Equal(1, store.Attempts);
    }
}
