using System.Runtime.CompilerServices;
using Recs.Engine.Catalog;
using Recs.Engine.Storage;
using Recs.Storage;

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
    private readonly Dictionary<string, byte[]> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<string>> _excluded = new(StringComparer.Ordinal);
    private long _sequence = 1;

    public volatile bool Failing;
    public int MigrateCalls;
    public int PingCalls;

    public string Kind => "memory";

    /// <summary>A store holding the demo catalogue and its ratings.</summary>
    public static async Task<MemoryRatingStore> WithDemoDataAsync()
    {
        var store = new MemoryRatingStore();
        await store.UpsertFilmsAsync(Recs.Engine.Demo.DemoCatalogue.Films());
        await store.UpsertRatingsAsync(Recs.Engine.Demo.DemoCatalogue.Ratings());
        return store;
    }

    public Task MigrateAsync(CancellationToken ct = default)
    {
        Interlocked.Increment(ref MigrateCalls);
        ThrowIfFailing();
        return Task.CompletedTask;
    }

    public Task<TimeSpan> PingAsync(CancellationToken ct = default)
    {
        Interlocked.Increment(ref PingCalls);
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
            _sequence++;
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
                    throw new UnknownFilmException(r.FilmSlug, nameof(ratings));
            }
            foreach (var r in list)
                _ratings[(r.Username, r.FilmSlug)] = r;
            if (list.Count > 0)
                _sequence++;
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

    /// <summary>Takes a film out of the catalogue, as no real store does, to stand for a catalogue that changed under a request.</summary>
    public void RemoveFilm(string slug)
    {
        lock (_gate)
            _films.Remove(slug);
    }

    public Task<long> GetChangeSequenceAsync(CancellationToken ct = default)
    {
        ThrowIfFailing();
        lock (_gate)
            return Task.FromResult(_sequence);
    }

    public async IAsyncEnumerable<ExclusionRecord> ReadAllExclusionsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        ThrowIfFailing();
        ExclusionRecord[] all;
        lock (_gate)
            all = [.. _excluded.OrderBy(kv => kv.Key, StringComparer.Ordinal).SelectMany(kv => kv.Value.Select(slug => new ExclusionRecord(kv.Key, slug)))];
        foreach (var e in all)
        {
            await Task.CompletedTask;
            yield return e;
        }
    }

    public Task<PersonWriteResult> WritePersonAsync(PersonWrite write, CancellationToken ct = default)
    {
        ThrowIfFailing();
        string user = PersonAuthorization.Validate(write);
        lock (_gate)
        {
            bool exists = _tokens.ContainsKey(user) || _ratings.Keys.Any(k => k.User == user) || _excluded.ContainsKey(user);
            var outcome = PersonAuthorization.Decide(exists, _tokens.GetValueOrDefault(user), write);
            if (outcome is not (WriteOutcome.Created or WriteOutcome.Updated))
                return Task.FromResult(PersonWriteResult.Refused(outcome));
            foreach (var r in write.Ratings)
            {
                if (!_films.ContainsKey(r.FilmSlug))
                    throw new UnknownFilmException(r.FilmSlug, nameof(write));
            }
            if (outcome == WriteOutcome.Created)
                _tokens[user] = write.NewTokenHash;
            foreach (var r in write.Ratings)
                _ratings[(user, r.FilmSlug)] = r;
            if (write.Exclusions is { } excluded)
                _excluded[user] = new SortedSet<string>(excluded.Where(_films.ContainsKey), StringComparer.Ordinal);
            long seq = ++_sequence;
            var mine = _ratings.Values.Where(r => r.Username == user).OrderBy(r => r.FilmSlug, StringComparer.Ordinal).ToList();
            return Task.FromResult(new PersonWriteResult(outcome, seq, [.. mine.Select(r => r.FilmSlug)], [.. mine.Select(r => r.Stars)],
                [.. _excluded.GetValueOrDefault(user) ?? []]));
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void ThrowIfFailing()
    {
        if (Failing)
            throw new IOException("connection refused (simulated outage)");
    }
}
