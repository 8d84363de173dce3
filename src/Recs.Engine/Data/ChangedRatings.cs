using Recs.Engine.Catalog;
using Recs.Math;

namespace Recs.Engine.Data;

/// <summary>
/// The changed ratings of a store read on their way into <see cref="DatasetMerge"/>, resolved against the dataset
/// they will be merged into as they arrive: 16 bytes each (person, film, arrival, stars) instead of a record, its two
/// strings and a sorted-map node, so a read of 170,000 changes holds 3 MB instead of about 30 MB of short-lived objects.
/// Ratings of films the dataset does not hold yet wait by slug until <see cref="DatasetMerge"/> has the changed films
/// (which a store read returns after the ratings). The entries live on pages of their own, outside the collected heap,
/// given back to the system by <see cref="Dispose"/> once the merge has read them: on the heap they were a large block
/// that the collector kept committed, free, through the training that follows a reload. Not thread-safe.
/// </summary>
public sealed class ChangedRatings : IDisposable
{
    private readonly ScratchPool _pages = new();
    private readonly RatingsDataset _basis;
    private readonly Dictionary<string, int> _newUsers = new(StringComparer.Ordinal);
    private readonly List<string> _newUserNames = [];
    private readonly Dictionary<string, int> _waitingFilms = new(StringComparer.Ordinal);
    private readonly List<string> _waitingSlugs = [];
    private Memory<Entry> _entries;
    private int _count;
    // Store reads return a person's ratings together: the previous row's person is the likely next one.
    private string? _lastUsername;
    private int _lastUser;
    private bool _resolved;

    /// <summary>An empty set of changes to <paramref name="basis"/>, with room for <paramref name="expected"/> ratings before it grows.</summary>
    public ChangedRatings(RatingsDataset basis, int expected = 0)
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentOutOfRangeException.ThrowIfNegative(expected);
        _basis = basis;
        _entries = expected == 0 ? Memory<Entry>.Empty : _pages.Rent<Entry>(expected);
    }

    /// <summary>How many ratings were added (a pair added twice counts twice; the later one wins).</summary>
    public int Count => _count;

    /// <summary>People the basis does not hold, in the order their first rating arrived; they follow the basis's users.</summary>
    public IReadOnlyList<string> NewUsers => _newUserNames;

    /// <summary>Adds one changed rating; throws <see cref="ArgumentException"/> for stars that are not a half-star value in [0.5, 5].</summary>
    public void Add(RatingRecord rating)
    {
        if (_resolved)
            throw new InvalidOperationException("the changes were already merged");
        if (!StarRating.IsValid(rating.Stars))
            throw new ArgumentException($"a changed rating has {rating.Stars} stars", nameof(rating));
        int user = UserOf(rating.Username);
        int film = _basis.FilmIndex.TryGetValue(rating.FilmSlug, out int known) ? known : Waiting(rating.FilmSlug);
        if (_count == _entries.Length)
            Grow();
        _entries.Span[_count] = new Entry(user, film, _count, StarRating.ToUnits(rating.Stars));
        _count++;
    }

    /// <summary>
    /// Gives the waiting films their indices through <paramref name="filmOf"/> (null when no film has that slug, which
    /// throws <see cref="ArgumentException"/>), then orders the changes by person and film with the last arrival of a
    /// pair kept. Called once, by the merge.
    /// </summary>
    internal ReadOnlySpan<Entry> Resolve(Func<string, int?> filmOf)
    {
        if (_resolved)
            throw new InvalidOperationException("the changes were already merged");
        var waiting = new int[_waitingSlugs.Count];
        for (int i = 0; i < waiting.Length; i++)
            waiting[i] = filmOf(_waitingSlugs[i]) ?? throw new ArgumentException($"a changed rating refers to unknown film '{_waitingSlugs[i]}'");
        _resolved = true;

        var entries = _entries.Span[.._count];
        for (int i = 0; i < entries.Length; i++)
        {
            if (entries[i].Film < 0)
                entries[i] = entries[i] with { Film = waiting[~entries[i].Film] };
        }
        entries.Sort(static (a, b) =>
            a.User != b.User ? a.User.CompareTo(b.User) : a.Film != b.Film ? a.Film.CompareTo(b.Film) : a.Arrival.CompareTo(b.Arrival));
        // Keep the last arrival of each pair: an entry followed by the same pair is superseded.
        int kept = 0;
        for (int i = 0; i < entries.Length; i++)
        {
            if (i + 1 < entries.Length && entries[i + 1].User == entries[i].User && entries[i + 1].Film == entries[i].Film)
                continue;
            entries[kept++] = entries[i];
        }
        return entries[..kept];
    }

    /// <summary>Unmaps the entries; a span <see cref="Resolve"/> returned must not be read afterwards. Idempotent.</summary>
    public void Dispose() => _pages.Dispose();

    private void Grow()
    {
        var bigger = _pages.Rent<Entry>(System.Math.Max(1024, 2 * _entries.Length));
        _entries.Span.CopyTo(bigger.Span);
        if (!_entries.IsEmpty)
            _pages.Return(_entries);
        _pages.Trim();
        _entries = bigger;
    }

    private int UserOf(string username)
    {
        if (ReferenceEquals(username, _lastUsername) || string.Equals(username, _lastUsername, StringComparison.Ordinal))
            return _lastUser;
        if (!_basis.UserIndex.TryGetValue(username, out int user) && !_newUsers.TryGetValue(username, out user))
        {
            user = _basis.UserCount + _newUserNames.Count;
            _newUsers[username] = user;
            _newUserNames.Add(username);
        }
        _lastUsername = username;
        _lastUser = user;
        return user;
    }

    // A film the basis lacks gets a negative stand-in, ~(its place among the waiting slugs), until the merge resolves it.
    private int Waiting(string slug)
    {
        if (!_waitingFilms.TryGetValue(slug, out int at))
        {
            at = _waitingSlugs.Count;
            _waitingFilms[slug] = at;
            _waitingSlugs.Add(slug);
        }
        return ~at;
    }

    /// <summary>One changed rating: person and film indices, its place in arrival order, stars in half-star units.</summary>
    internal readonly record struct Entry(int User, int Film, int Arrival, byte HalfStars);
}
