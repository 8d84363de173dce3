using System.Runtime.CompilerServices;
using Recs.Engine.Catalog;
using Recs.Engine.Storage;

namespace Recs.Tests.Support;

/// <summary>
/// An in-process store for fault-injection tests: behaves like a database until <see cref="Failing"/> is set,
/// then every call throws as an unreachable server would.
/// </summary>
internal sealed class MemoryRatingStore : IRatingStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Film> _films = new(StringComparer.Ordinal);
    private readonly Dictionary<(string User, string Film), RatingRecord> _ratings = [];
    private readonly Dictionary<string, string> _meta = new(StringComparer.Ordinal);

    public volatile bool Failing;
    public int MigrateCalls;

    public string Kind => "memory";

    public Task MigrateAsync(CancellationToken ct = default)
    {
        Interlocked.Increment(ref MigrateCalls);
        ThrowIfFailing();
        return Task.CompletedTask;
    }

    public Task<TimeSpan> PingAsync(CancellationToken ct = default)
    {
        ThrowIfFailing();
        return Task.FromResult(TimeSpan.FromMilliseconds(0.01));
    }

    public Task<StoreCounts> CountAsync(CancellationToken ct = default)
    {
        ThrowIfFailing();
        lock (_gate)
            return Task.FromResult(new StoreCounts(_ratings.Keys.Select(k => k.User).Distinct().LongCount(), _films.Count, _ratings.Count));
    }

    public Task<int> UpsertFilmsAsync(IEnumerable<Film> films, CancellationToken ct = default)
    {
        ThrowIfFailing();
        int n = 0;
        lock (_gate)
        {
            foreach (var f in films)
            {
                _films[f.Slug] = f;
                n++;
            }
        }
        return Task.FromResult(n);
    }

    public Task<int> UpsertRatingsAsync(IEnumerable<RatingRecord> ratings, CancellationToken ct = default)
    {
        ThrowIfFailing();
        var list = ratings.ToList();
        lock (_gate)
        {
            foreach (var r in list)
            {
                if (!_films.ContainsKey(r.FilmSlug))
                    throw new ArgumentException($"unknown film '{r.FilmSlug}'");
            }
            foreach (var r in list)
                _ratings[(r.Username, r.FilmSlug)] = r;
        }
        return Task.FromResult(list.Count);
    }

    public Task<IReadOnlyList<Film>> LoadFilmsAsync(CancellationToken ct = default)
    {
        ThrowIfFailing();
        lock (_gate)
            return Task.FromResult<IReadOnlyList<Film>>([.. _films.Values]);
    }

    public async IAsyncEnumerable<RatingRecord> ReadAllRatingsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        ThrowIfFailing();
        RatingRecord[] all;
        lock (_gate)
            all = [.. _ratings.Values.OrderBy(r => r.Username, StringComparer.Ordinal).ThenBy(r => r.FilmSlug, StringComparer.Ordinal)];
        foreach (var r in all)
        {
            await Task.CompletedTask;
            yield return r;
        }
    }

    public Task<string?> GetMetaAsync(string key, CancellationToken ct = default)
    {
        ThrowIfFailing();
        lock (_gate)
            return Task.FromResult(_meta.GetValueOrDefault(key));
    }

    public Task SetMetaAsync(string key, string value, CancellationToken ct = default)
    {
        ThrowIfFailing();
        lock (_gate)
            _meta[key] = value;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void ThrowIfFailing()
    {
        if (Failing)
            throw new InvalidOperationException("connection refused (simulated outage)");
    }
}
