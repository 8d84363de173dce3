using System.Runtime.CompilerServices;
using Recs.Engine.Catalog;
using Recs.Engine.Data;
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
    // The change sequence that last changed each film, rating and person's exclusions, as the real stores stamp them.
    private readonly Dictionary<string, long> _filmSeq = new(StringComparer.Ordinal);
    private readonly Dictionary<(string User, string Film), long> _ratingSeq = [];
    private readonly Dictionary<string, long> _exclusionSeq = new(StringComparer.Ordinal);
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
            long seq = ++_sequence;
            foreach (var f in films)
            {
                if (!_films.TryGetValue(f.Slug, out var old) || !SameFilm(old, f))
                    _filmSeq[f.Slug] = seq;
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
                    throw new UnknownFilmException(r.FilmSlug, nameof(ratings));
            }
            if (list.Count > 0)
            {
                long seq = ++_sequence;
                foreach (var r in list)
                    PutRating(r.Username, r, seq);
            }
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

    public Task ReadAllByIdAsync(IdRatingsDatasetBuilder builder, CancellationToken ct = default)
    {
        ThrowIfFailing();
        lock (_gate)
        {
            // Ids as a database would hand them out: in order of creation, unrelated to the order of slugs and names.
            var filmIds = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var film in _films.Values)
            {
                filmIds[film.Slug] = 100 + filmIds.Count;
                builder.AddFilm(filmIds[film.Slug], film);
            }
            var userIds = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (string user in _ratings.Keys.Select(k => k.User).Concat(_excluded.Keys).Concat(_tokens.Keys))
                userIds.TryAdd(user, 7 + userIds.Count);
            foreach (var (user, id) in userIds.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                builder.AddUser(id, user);
            // A film taken out by RemoveFilm keeps its ratings here; -1 names no film, so they are skipped as a join would.
            foreach (var ((user, slug), rating) in _ratings)
                builder.AddRating(userIds[user], filmIds.GetValueOrDefault(slug, -1), rating.Stars);
            foreach (var (user, slugs) in _excluded)
            {
                foreach (string slug in slugs.Where(filmIds.ContainsKey))
                    builder.AddExclusion(userIds[user], filmIds[slug]);
            }
        }
        return Task.CompletedTask;
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
            long seq = ++_sequence;
            foreach (var r in write.Ratings)
                PutRating(user, r, seq);
            if (write.Exclusions is { } excluded)
            {
                var set = new SortedSet<string>(excluded.Where(_films.ContainsKey), StringComparer.Ordinal);
                if (!set.SetEquals(_excluded.GetValueOrDefault(user) ?? []))
                    _exclusionSeq[user] = seq;
                _excluded[user] = set;
            }
            var mine = _ratings.Values.Where(r => r.Username == user).OrderBy(r => r.FilmSlug, StringComparer.Ordinal).ToList();
            return Task.FromResult(new PersonWriteResult(outcome, seq, [.. mine.Select(r => r.FilmSlug)], [.. mine.Select(r => r.Stars)],
                [.. _excluded.GetValueOrDefault(user) ?? []]));
        }
    }

    public Task<StoredPerson?> ReadPersonAsync(string username, CancellationToken ct = default)
    {
        ThrowIfFailing();
        lock (_gate)
        {
            bool exists = _tokens.ContainsKey(username) || _ratings.Keys.Any(k => k.User == username) || _excluded.ContainsKey(username);
            if (!exists)
                return Task.FromResult<StoredPerson?>(null);
            var mine = _ratings.Values.Where(r => r.Username == username).OrderBy(r => r.FilmSlug, StringComparer.Ordinal).ToList();
            return Task.FromResult<StoredPerson?>(new StoredPerson(_sequence, [.. mine.Select(r => r.FilmSlug)], [.. mine.Select(r => r.Stars)],
                [.. _excluded.GetValueOrDefault(username) ?? []]));
        }
    }

    public Task<IReadOnlyList<Film>> LoadFilmsChangedSinceAsync(long since, CancellationToken ct = default)
    {
        ThrowIfFailing();
        lock (_gate)
            return Task.FromResult<IReadOnlyList<Film>>(
                [.. _films.Values.Where(f => _filmSeq.GetValueOrDefault(f.Slug) > since).OrderBy(f => f.Slug, StringComparer.Ordinal)]);
    }

    public async IAsyncEnumerable<RatingRecord> ReadRatingsChangedSinceAsync(long since, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ThrowIfFailing();
        RatingRecord[] changed;
        lock (_gate)
            changed = [.. ChangedRatings(since).OrderBy(r => r.Username, StringComparer.Ordinal).ThenBy(r => r.FilmSlug, StringComparer.Ordinal)];
        foreach (var r in changed)
        {
            await Task.CompletedTask;
            yield return r;
        }
    }

    public async IAsyncEnumerable<ExclusionSet> ReadExclusionSetsChangedSinceAsync(long since, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ThrowIfFailing();
        ExclusionSet[] changed;
        lock (_gate)
            changed = [.. _exclusionSeq.Where(kv => kv.Value > since).Select(kv => kv.Key).Order(StringComparer.Ordinal)
                .Select(user => new ExclusionSet(user, [.. _excluded[user]]))];
        foreach (var set in changed)
        {
            await Task.CompletedTask;
            yield return set;
        }
    }

    public Task<long> CountRatingsChangedSinceAsync(long since, CancellationToken ct = default)
    {
        ThrowIfFailing();
        lock (_gate)
            return Task.FromResult(ChangedRatings(since).LongCount());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // Stores a rating under its normalised key; only an insert or a different value takes the write's sequence.
    private void PutRating(string user, RatingRecord r, long seq)
    {
        var key = (user, r.FilmSlug);
        if (!_ratings.TryGetValue(key, out var old) || old.Stars != r.Stars || old.RatedOn != r.RatedOn)
            _ratingSeq[key] = seq;
        _ratings[key] = r;
    }

    private IEnumerable<RatingRecord> ChangedRatings(long since) =>
        _ratingSeq.Where(kv => kv.Value > since).Select(kv => _ratings[kv.Key]);

    private static bool SameFilm(Film a, Film b) =>
        a.Slug == b.Slug && a.Title == b.Title && a.Year == b.Year && a.Genres.AsSpan().SequenceEqual(b.Genres)
        && a.ContentType == b.ContentType && a.Popularity == b.Popularity && a.LetterboxdUri == b.LetterboxdUri;

    private void ThrowIfFailing()
    {
        if (Failing)
            throw new IOException("connection refused (simulated outage)");
    }
}
