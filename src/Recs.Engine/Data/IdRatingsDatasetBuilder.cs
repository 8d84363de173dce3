using Recs.Engine.Catalog;

namespace Recs.Engine.Data;

/// <summary>
/// Builds a <see cref="RatingsDataset"/> from a store's rows keyed by its integer ids, with no string or object per
/// rating: first every film in the dataset's film order and every user in its user order (by username, as the store
/// sorts its records), then ratings and exclusions in any order. The result equals a <see cref="RatingsDatasetBuilder"/>
/// build of the same rows given as records ordered by username: users without ratings get no row, and rows naming an
/// id that was not added are skipped, as a join would skip them. A (user, film) pair may be rated once: a second rating makes <see cref="Build"/> throw
/// <see cref="ArgumentException"/>; invalid stars make <see cref="AddRating"/> throw it.
/// </summary>
public sealed class IdRatingsDatasetBuilder
{
    private readonly List<Film> _films = [];
    private readonly List<long> _filmIds = [];
    private readonly List<string> _users = [];
    private readonly List<long> _userIds = [];
    private readonly RatingTripleBuffer _ratings = new();
    private readonly List<(int User, int Film)> _exclusions = [];
    private IdIndex? _filmIndex;
    private IdIndex? _userIndex;
    private int[] _ratingsPerUser = [];

    /// <summary>The store's change sequence the rows were read at (see <see cref="RatingsDataset.Sequence"/>).</summary>
    public long Sequence { get; set; }

    /// <summary>Ratings and exclusions skipped so far because they named a user or film id that was not added.</summary>
    public long SkippedRows { get; private set; }

    /// <summary>Adds the next film of the dataset's film order; throws <see cref="InvalidOperationException"/> once rows were added.</summary>
    public void AddFilm(long id, Film film)
    {
        ArgumentNullException.ThrowIfNull(film);
        ThrowIfRowsStarted();
        _filmIds.Add(id);
        _films.Add(film);
    }

    /// <summary>Adds the next user of the dataset's user order; throws <see cref="InvalidOperationException"/> once rows were added.</summary>
    public void AddUser(long id, string username)
    {
        ArgumentNullException.ThrowIfNull(username);
        ThrowIfRowsStarted();
        _userIds.Add(id);
        _users.Add(username);
    }

    /// <summary>Adds one rating; throws <see cref="ArgumentException"/> when the stars are not 0.5–5 in half stars.</summary>
    public void AddRating(long userId, long filmId, float stars)
    {
        if (!TryIndices(userId, filmId, out int user, out int film))
            return;
        if (!StarRating.IsValid(stars))
            throw new ArgumentException($"rating {stars} of user id {userId}, film id {filmId} is not 0.5–5.0 in half stars", nameof(stars));
        _ratingsPerUser[user]++;
        _ratings.Add(user, film, stars);
    }

    /// <summary>Excludes a film for a user (watched or watchlisted); a repeated pair is harmless.</summary>
    public void AddExclusion(long userId, long filmId)
    {
        if (TryIndices(userId, filmId, out int user, out int film))
            _exclusions.Add((user, film));
    }

    // The user and film indices of a row; a row naming an unknown id is counted in SkippedRows and dropped, as the
    // join the store once used dropped it.
    private bool TryIndices(long userId, long filmId, out int user, out int film)
    {
        if (_userIndex is null)
            StartRows();
        user = _userIndex!.IndexOf(userId);
        film = _filmIndex!.IndexOf(filmId);
        if (user >= 0 && film >= 0)
            return true;
        SkippedRows++;
        return false;
    }

    /// <summary>The dataset of everything added; the builder is empty of ratings afterwards and should not be reused.</summary>
    public RatingsDataset Build()
    {
        if (_userIndex is null)
            StartRows();
        // Only users with ratings get a row, numbered in the order they were added.
        var rowOf = new int[_users.Count];
        var users = new List<string>(_users.Count);
        for (int u = 0; u < _users.Count; u++)
        {
            rowOf[u] = -1;
            if (_ratingsPerUser[u] > 0)
            {
                rowOf[u] = users.Count;
                users.Add(_users[u]);
            }
        }
        var offsets = new int[users.Count + 1];
        for (int u = 0; u < _users.Count; u++)
        {
            if (rowOf[u] >= 0)
                offsets[rowOf[u] + 1] = _ratingsPerUser[u];
        }
        for (int r = 0; r < users.Count; r++)
            offsets[r + 1] = checked(offsets[r + 1] + offsets[r]);

        var (userFilms, userStars) = Place(rowOf, offsets);
        SortRows(users, offsets, userFilms, userStars);

        var excluded = new Dictionary<string, IReadOnlySet<int>>(StringComparer.Ordinal);
        foreach (var (user, film) in _exclusions)
        {
            if (!excluded.TryGetValue(_users[user], out var films))
                excluded[_users[user]] = films = new HashSet<int>();
            ((HashSet<int>)films).Add(film);
        }
        return new RatingsDataset([.. _films], [.. users], offsets, userFilms, userStars, Sequence, excluded);
    }

    // Counting sort: each rating goes straight to the next free slot of its user's row.
    private (int[] Films, byte[] Stars) Place(int[] rowOf, int[] offsets)
    {
        var films = new int[offsets[^1]];
        var stars = new byte[films.Length];
        var cursor = offsets[..^1];
        _ratings.Drain((chunkUsers, chunkFilms, chunkStars) =>
        {
            for (int i = 0; i < chunkUsers.Length; i++)
            {
                int at = cursor[rowOf[chunkUsers[i]]]++;
                films[at] = chunkFilms[i];
                stars[at] = StarRating.ToUnits(chunkStars[i]);
            }
        });
        return (films, stars);
    }

    // Rows arrive in the store's key order (film ids), not in film index order; most need a short sort.
    private static void SortRows(List<string> users, int[] offsets, int[] films, byte[] stars)
    {
        for (int r = 0; r < users.Count; r++)
        {
            int start = offsets[r], length = offsets[r + 1] - start;
            if (IsStrictlyAscending(films.AsSpan(start, length)))
                continue;
            Array.Sort(films, stars, start, length);
            for (int i = start + 1; i < start + length; i++)
            {
                if (films[i] == films[i - 1])
                    throw new ArgumentException($"user '{users[r]}' rates film index {films[i]} twice");
            }
        }
    }

    private static bool IsStrictlyAscending(ReadOnlySpan<int> films)
    {
        for (int i = 1; i < films.Length; i++)
        {
            if (films[i] <= films[i - 1])
                return false;
        }
        return true;
    }

    private void StartRows()
    {
        _filmIndex = new IdIndex(_filmIds);
        _userIndex = new IdIndex(_userIds);
        _ratingsPerUser = new int[_users.Count];
    }

    private void ThrowIfRowsStarted()
    {
        if (_userIndex is not null)
            throw new InvalidOperationException("films and users must be added before any rating or exclusion");
    }
}
