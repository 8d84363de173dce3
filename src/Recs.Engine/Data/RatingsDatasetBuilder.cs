using Recs.Engine.Catalog;

namespace Recs.Engine.Data;

/// <summary>Collects films and ratings in any order and builds a <see cref="RatingsDataset"/>; later ratings of the same pair win.</summary>
public sealed class RatingsDatasetBuilder
{
    private readonly List<Film> _films = [];
    private readonly Dictionary<string, int> _filmIndex = new(StringComparer.Ordinal);
    private readonly List<string> _users = [];
    private readonly Dictionary<string, int> _userIndex = new(StringComparer.Ordinal);
    private readonly List<(int User, int Film, float Stars, int Order)> _ratings = [];
    private readonly Dictionary<string, HashSet<int>> _excluded = new(StringComparer.Ordinal);

    /// <summary>The store's change sequence the data was read at (see <see cref="RatingsDataset.Sequence"/>).</summary>
    public long Sequence { get; set; }

    /// <summary>Excludes a film for a person; returns false (and records nothing) when the film is not in the catalogue.</summary>
    public bool AddExclusion(string username, string filmSlug)
    {
        if (!_filmIndex.TryGetValue(filmSlug, out int film))
            return false;
        if (!_excluded.TryGetValue(username, out var films))
            _excluded[username] = films = [];
        films.Add(film);
        return true;
    }

    public int AddFilm(Film film)
    {
        if (_filmIndex.TryGetValue(film.Slug, out int existing))
        {
            _films[existing] = film;
            return existing;
        }
        _filmIndex[film.Slug] = _films.Count;
        _films.Add(film);
        return _films.Count - 1;
    }

    public int AddUser(string username)
    {
        if (_userIndex.TryGetValue(username, out int existing))
            return existing;
        _userIndex[username] = _users.Count;
        _users.Add(username);
        return _users.Count - 1;
    }

    /// <summary>Adds a rating; throws <see cref="ArgumentException"/> when the film is unknown or the stars are invalid.</summary>
    public void AddRating(RatingRecord rating)
    {
        if (!_filmIndex.TryGetValue(rating.FilmSlug, out int film))
            throw new ArgumentException($"rating refers to unknown film '{rating.FilmSlug}'", nameof(rating));
        if (!StarRating.IsValid(rating.Stars))
            throw new ArgumentException($"rating {rating.Stars} is not 0.5–5.0 in half stars", nameof(rating));
        _ratings.Add((AddUser(rating.Username), film, rating.Stars, _ratings.Count));
    }

    public RatingsDataset Build()
    {
        int nUsers = _users.Count;
        // The order added breaks ties, so the last rating of a pair is the one kept (List.Sort is not stable).
        _ratings.Sort(static (a, b) => a.User != b.User ? a.User.CompareTo(b.User) : a.Film != b.Film ? a.Film.CompareTo(b.Film) : a.Order.CompareTo(b.Order));

        // Drop duplicate (user, film) pairs, keeping the last one added.
        var deduped = new List<(int User, int Film, float Stars, int Order)>(_ratings.Count);
        foreach (var r in _ratings)
        {
            if (deduped.Count > 0 && deduped[^1].User == r.User && deduped[^1].Film == r.Film)
                deduped[^1] = r;
            else
                deduped.Add(r);
        }

        int n = deduped.Count;
        var userOffsets = new int[nUsers + 1];
        var userFilms = new int[n];
        var userStars = new byte[n];
        for (int i = 0; i < n; i++)
        {
            var (u, f, s, _) = deduped[i];
            userOffsets[u + 1]++;
            userFilms[i] = f;
            userStars[i] = StarRating.ToUnits(s);
        }
        for (int u = 0; u < nUsers; u++)
            userOffsets[u + 1] += userOffsets[u];

        var excluded = new Dictionary<string, IReadOnlySet<int>>(_excluded.Count, StringComparer.Ordinal);
        foreach (var (user, films) in _excluded)
            excluded[user] = films;
        return new RatingsDataset([.. _films], [.. _users], userOffsets, userFilms, userStars, Sequence, excluded);
    }
}
