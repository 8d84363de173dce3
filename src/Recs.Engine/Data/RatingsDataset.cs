using Recs.Engine.Catalog;
using Recs.Math;

namespace Recs.Engine.Data;

/// <summary>
/// An immutable in-memory copy of the whole store: films, users and ratings by user (sorted by film; stars as one byte
/// of half-star units), with each film's rating count. Built once per load and then shared by all requests. The by-film order is not kept: what needs it
/// (training, the neighbourhood recommender) builds it with <see cref="BuildPattern"/> or its own index and drops it
/// when done, since it would cost as much as the rows themselves for as long as the data set serves.
/// </summary>
public sealed class RatingsDataset
{
    /// <summary>Wraps rows by user (film indices ascending within each row, already validated).</summary>
    internal RatingsDataset(
        Film[] films, string[] users, int[] userOffsets, int[] userFilms, byte[] userHalfStars,
        long sequence = 0, IReadOnlyDictionary<string, IReadOnlySet<int>>? excluded = null)
    {
        Sequence = sequence;
        Excluded = excluded ?? new Dictionary<string, IReadOnlySet<int>>(StringComparer.Ordinal);
        Films = films;
        Users = users;
        UserOffsets = userOffsets;
        UserFilms = userFilms;
        UserHalfStars = userHalfStars;

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
            // Sums of half-star units are exact integers: halved once, the means equal those of the stars.
            var units = HalfStarsOf(u);
            long sum = 0;
            foreach (byte h in units)
                sum += h;
            total += sum;
            UserMeans[u] = units.Length == 0 ? 0 : (float)(sum * 0.5 / units.Length);
        }
        GlobalMean = userHalfStars.Length == 0 ? 3.5f : (float)(total * 0.5 / userHalfStars.Length);

        FilmCounts = new int[films.Length];
        var filmSums = new double[films.Length];
        for (int p = 0; p < userFilms.Length; p++)
        {
            FilmCounts[userFilms[p]]++;
            filmSums[userFilms[p]] += userHalfStars[p] * 0.5;
        }
        FilmMeans = new float[films.Length];
        for (int f = 0; f < films.Length; f++)
            FilmMeans[f] = FilmCounts[f] == 0 ? 0 : (float)(filmSums[f] / FilmCounts[f]);
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

    /// <summary>Stars beside <see cref="UserFilms"/> in half-star units 1–10 (<see cref="StarRating.FromUnits(byte)"/>): one byte per rating.</summary>
    public byte[] UserHalfStars { get; }

    /// <summary>How many users rated each film.</summary>
    public int[] FilmCounts { get; }

    public float[] UserMeans { get; }
    public float[] FilmMeans { get; }
    public float GlobalMean { get; }

    public int UserCount => Users.Length;
    public int FilmCount => Films.Length;
    public int RatingCount => UserHalfStars.Length;

    public ReadOnlySpan<int> FilmsOf(int user) => UserFilms.AsSpan(UserOffsets[user], UserOffsets[user + 1] - UserOffsets[user]);
    public ReadOnlySpan<byte> HalfStarsOf(int user) => UserHalfStars.AsSpan(UserOffsets[user], UserOffsets[user + 1] - UserOffsets[user]);

    /// <summary>User <paramref name="user"/>'s stars as a new array (for callers outside the request path).</summary>
    public float[] StarsOf(int user)
    {
        var units = HalfStarsOf(user);
        var stars = new float[units.Length];
        StarRating.FromUnits(units, stars);
        return stars;
    }
    public int RatingCountOf(int film) => FilmCounts[film];

    /// <summary>
    /// The ratings as a users × films sparse pattern in both orders, built on each call: its row order is this data
    /// set's rows (shared, not copied), its column order (raters of each film, ascending) new, 4 bytes per rating and
    /// per film. Every matrix trained on the data shares one and owns only its values. A training passes its pool, so
    /// the by-film order lives on the pool's pages and goes back to the system with them.
    /// </summary>
    public SparsePattern BuildPattern(ScratchPool? scratch = null) => SparsePattern.FromRows(UserCount, FilmCount, UserOffsets, UserFilms, scratch);

    /// <summary>
    /// The ratings as a pattern of rows only (<see cref="SparsePattern.RowsOnly"/>): this data set's rows, shared, and
    /// nothing new but a pointer per film, for matrices whose products read the rows alone.
    /// </summary>
    public SparsePattern RowPattern() => SparsePattern.RowsOnly(UserCount, FilmCount, UserOffsets, UserFilms);

    /// <summary>Approximate bytes held by the arrays of this dataset (strings and dictionaries estimated).</summary>
    public long EstimatedBytes =>
        (long)RatingCount * (4 + 1) + UserCount * 4L * 2 + FilmCount * 4L * 2 + UserCount * 48L + FilmCount * 160L;
}
