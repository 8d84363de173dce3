using Recs.Engine.Catalog;
using Recs.Math;

namespace Recs.Engine.Data;

/// <summary>
/// An immutable in-memory copy of the whole store: films, users and ratings indexed both ways
/// (by user, sorted by film; and by film, sorted by user). Built once per load and then shared by all requests.
/// </summary>
public sealed class RatingsDataset
{
    /// <summary>Wraps rows by user (film indices ascending within each row, already validated) and derives the by-film index.</summary>
    internal RatingsDataset(
        Film[] films, string[] users, int[] userOffsets, int[] userFilms, float[] userStars,
        long sequence = 0, IReadOnlyDictionary<string, IReadOnlySet<int>>? excluded = null)
    {
        // The by-film index is the pattern's column order, which every training matrix shares.
        Pattern = SparsePattern.FromRows(users.Length, films.Length, userOffsets, userFilms);
        var filmStars = new float[userStars.Length];
        Pattern.ToColumnOrder(userStars, filmStars);
        Sequence = sequence;
        Excluded = excluded ?? new Dictionary<string, IReadOnlySet<int>>(StringComparer.Ordinal);
        Films = films;
        Users = users;
        UserOffsets = userOffsets;
        UserFilms = userFilms;
        UserStars = userStars;
        FilmOffsets = Pattern.ColumnPointers;
        FilmUsers = Pattern.RowIndices;
        FilmStars = filmStars;

        var filmIndex = new Dictionary<string, int>(films.Length, StringComparer.Ordinal);
        for (int i = 0; i < films.Length; i++)
            filmIndex[films[i].Slug] = i;
        FilmIndex = filmIndex;
        var userIndex = new Dictionary<string, int>(users.Length, StringComparer.Ordinal);
        for (int u = 0; u < users.Length; u++)
            userIndex[users[u]] = u;
        UserIndex = userIndex;

        UserMeans = new float[users.Length];
        double total = 0;
        for (int u = 0; u < users.Length; u++)
        {
            var stars = StarsOf(u);
            double sum = 0;
            foreach (float s in stars)
                sum += s;
            total += sum;
            UserMeans[u] = stars.Length == 0 ? 0 : (float)(sum / stars.Length);
        }
        GlobalMean = userStars.Length == 0 ? 3.5f : (float)(total / userStars.Length);

        FilmMeans = new float[films.Length];
        for (int f = 0; f < films.Length; f++)
        {
            var stars = FilmStars.AsSpan(FilmOffsets[f], FilmOffsets[f + 1] - FilmOffsets[f]);
            double sum = 0;
            foreach (float s in stars)
                sum += s;
            FilmMeans[f] = stars.Length == 0 ? 0 : (float)(sum / stars.Length);
        }
    }

    /// <summary>The store's change sequence read before this copy was read: every write at or below it is in here.</summary>
    public long Sequence { get; }

    /// <summary>Per username, films never to recommend (watched or watchlisted in an uploaded export), as film indices.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<int>> Excluded { get; }

    /// <summary>The films excluded for <paramref name="username"/>, or null when there are none.</summary>
    public IReadOnlySet<int>? ExcludedFor(string username) => Excluded.TryGetValue(username, out var films) ? films : null;

    public Film[] Films { get; }
    public string[] Users { get; }
    public IReadOnlyDictionary<string, int> FilmIndex { get; }
    public IReadOnlyDictionary<string, int> UserIndex { get; }

    /// <summary>CSR by user: ratings of user u are at [UserOffsets[u], UserOffsets[u+1]), film indices ascending.</summary>
    public int[] UserOffsets { get; }
    public int[] UserFilms { get; }
    public float[] UserStars { get; }

    /// <summary>CSC by film: ratings of film f are at [FilmOffsets[f], FilmOffsets[f+1]), user indices ascending.</summary>
    public int[] FilmOffsets { get; }
    public int[] FilmUsers { get; }
    public float[] FilmStars { get; }

    public float[] UserMeans { get; }
    public float[] FilmMeans { get; }
    public float GlobalMean { get; }

    public int UserCount => Users.Length;
    public int FilmCount => Films.Length;
    public int RatingCount => UserStars.Length;

    public ReadOnlySpan<int> FilmsOf(int user) => UserFilms.AsSpan(UserOffsets[user], UserOffsets[user + 1] - UserOffsets[user]);
    public ReadOnlySpan<float> StarsOf(int user) => UserStars.AsSpan(UserOffsets[user], UserOffsets[user + 1] - UserOffsets[user]);
    public ReadOnlySpan<int> RatersOf(int film) => FilmUsers.AsSpan(FilmOffsets[film], FilmOffsets[film + 1] - FilmOffsets[film]);
    public ReadOnlySpan<float> RatingsOf(int film) => FilmStars.AsSpan(FilmOffsets[film], FilmOffsets[film + 1] - FilmOffsets[film]);
    public int RatingCountOf(int film) => FilmOffsets[film + 1] - FilmOffsets[film];

    /// <summary>
    /// Both indexes as one sparse pattern (users × films; its arrays are the ones above): every matrix trained on this
    /// data shares it and owns only its values.
    /// </summary>
    public SparsePattern Pattern { get; }

    /// <summary>Approximate bytes held by the arrays of this dataset (strings and dictionaries estimated).</summary>
    public long EstimatedBytes =>
        (long)RatingCount * (4 + 4) * 2 + (UserCount + FilmCount) * 4L * 3 + UserCount * 48L + FilmCount * 160L;
}
