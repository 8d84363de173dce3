using System.Buffers;
using System.Diagnostics;
using Recs.Engine.Catalog;
using Recs.Engine.Data;

namespace Recs.Engine.Recommendation;

/// <summary>
/// User-based collaborative filtering: finds the people who liked the user's favourite films,
/// weights them by overlap (normalised by how much they rate), and ranks the films those people
/// rated above their own average. Thread-safe; scratch buffers are pooled per call. It keeps, beside the data set,
/// who liked each film (4 bytes per rating of at least <see cref="LikedThreshold"/>): the data set has no by-film order.
/// </summary>
public sealed class NeighbourhoodRecommender
{
    public const int MaxFavourites = 30;
    public const int MaxNeighbours = 80;
    public const float LikedThreshold = 3.5f;

    // Who liked each film (users ascending): the people who liked film f are at [_likedOffsets[f], _likedOffsets[f + 1]).
    private readonly int[] _likedOffsets;
    private readonly int[] _likedBy;

    public NeighbourhoodRecommender(RatingsDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Data = data;
        _likedOffsets = new int[data.FilmCount + 1];
        for (int p = 0; p < data.RatingCount; p++)
        {
            if (StarRating.FromUnits(data.UserHalfStars[p]) >= LikedThreshold)
                _likedOffsets[data.UserFilms[p] + 1]++;
        }
        for (int f = 0; f < data.FilmCount; f++)
            _likedOffsets[f + 1] += _likedOffsets[f];
        _likedBy = new int[_likedOffsets[^1]];
        var next = _likedOffsets[..^1];
        for (int u = 0; u < data.UserCount; u++)
        {
            var films = data.FilmsOf(u);
            var units = data.HalfStarsOf(u);
            for (int i = 0; i < films.Length; i++)
            {
                if (StarRating.FromUnits(units[i]) >= LikedThreshold)
                    _likedBy[next[films[i]]++] = u;
            }
        }
    }

    public RatingsDataset Data { get; }

    /// <summary>Approximate bytes of the index this recommender keeps beside the data set.</summary>
    public long EstimatedBytes => (_likedOffsets.Length + (long)_likedBy.Length) * sizeof(int);

    /// <summary>
    /// Ranks films for someone with the given ratings (film indices and stars, any order), never returning a rated or
    /// <paramref name="exclude"/>d film. Returns the number written to <paramref name="output"/> (best first),
    /// or -1 when <paramref name="deadline"/> (a <see cref="Stopwatch"/> timestamp) passed first.
    /// </summary>
    public int Recommend(
        ReadOnlySpan<int> films, ReadOnlySpan<float> stars, int self, Span<ScoredFilm> output,
        Func<int, bool>? exclude = null, long deadline = long.MaxValue)
    {
        if (films.Length != stars.Length)
            throw new ArgumentException("films and stars must have the same length");
        if (films.Length == 0 || output.IsEmpty)
            return 0;

        int nUsers = Data.UserCount, nFilms = Data.FilmCount;
        float[] userWeight = ArrayPool<float>.Shared.Rent(nUsers);
        float[] filmScore = ArrayPool<float>.Shared.Rent(nFilms);
        float[] filmStarSum = ArrayPool<float>.Shared.Rent(nFilms);
        int[] filmSupport = ArrayPool<int>.Shared.Rent(nFilms);
        ScoredFilm[] scratch = ArrayPool<ScoredFilm>.Shared.Rent(System.Math.Max(MaxFavourites, MaxNeighbours));
        try
        {
            Array.Clear(userWeight, 0, nUsers);
            Array.Clear(filmScore, 0, nFilms);
            Array.Clear(filmStarSum, 0, nFilms);
            Array.Clear(filmSupport, 0, nFilms);

            // 1. Favourites: the user's highest-rated films, at least their own average.
            float mean = 0;
            foreach (float s in stars)
                mean += s;
            mean /= stars.Length;
            var favourites = new TopN(scratch.AsSpan(0, MaxFavourites));
            for (int i = 0; i < films.Length; i++)
            {
                if (stars[i] >= mean || stars[i] >= 4f)
                    favourites.Offer(new ScoredFilm(films[i], stars[i], 0, 0));
            }
            int nFav = favourites.SortDescending();

            // 2. Neighbours: people who liked those favourites, weighted by overlap / sqrt(their rating count).
            for (int i = 0; i < nFav; i++)
            {
                int f = scratch[i].Film;
                foreach (int v in _likedBy.AsSpan(_likedOffsets[f], _likedOffsets[f + 1] - _likedOffsets[f]))
                    userWeight[v] += 1f;
            }
            if (self >= 0 && self < nUsers)
                userWeight[self] = 0;
            if (Stopwatch.GetTimestamp() > deadline)
                return -1;

            var neighbours = new TopN(scratch.AsSpan(0, MaxNeighbours));
            for (int v = 0; v < nUsers; v++)
            {
                float overlap = userWeight[v];
                if (overlap > 0)
                {
                    int count = Data.UserOffsets[v + 1] - Data.UserOffsets[v];
                    neighbours.Offer(new ScoredFilm(v, overlap / MathF.Sqrt(count + 10f), 0, 0));
                }
            }
            int nNeighbours = neighbours.SortDescending();
            if (nNeighbours == 0)
                return 0;

            // 3. Candidates: films the neighbours rated, scored by how much they liked them relative to their own mean.
            for (int i = 0; i < nNeighbours; i++)
            {
                int v = scratch[i].Film;
                float w = scratch[i].Score;
                float vMean = Data.UserMeans[v];
                var vFilms = Data.FilmsOf(v);
                var vUnits = Data.HalfStarsOf(v);
                for (int j = 0; j < vFilms.Length; j++)
                {
                    int g = vFilms[j];
                    float vStars = StarRating.FromUnits(vUnits[j]);
                    filmScore[g] += w * (1f + vStars - vMean);
                    filmStarSum[g] += vStars;
                    filmSupport[g]++;
                }
            }
            if (Stopwatch.GetTimestamp() > deadline)
                return -1;

            // The user's own films are never candidates.
            foreach (int f in films)
                filmSupport[f] = 0;

            var top = new TopN(output);
            for (int g = 0; g < nFilms; g++)
            {
                int support = filmSupport[g];
                if (support == 0 || filmScore[g] <= 0 || (exclude is not null && exclude(g)))
                    continue;
                top.Offer(new ScoredFilm(g, filmScore[g], support, filmStarSum[g] / support));
            }
            return top.SortDescending();
        }
        finally
        {
            ArrayPool<float>.Shared.Return(userWeight);
            ArrayPool<float>.Shared.Return(filmScore);
            ArrayPool<float>.Shared.Return(filmStarSum);
            ArrayPool<int>.Shared.Return(filmSupport);
            ArrayPool<ScoredFilm>.Shared.Return(scratch);
        }
    }
}
