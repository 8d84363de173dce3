using System.Buffers;
using Recs.Engine.Catalog;
using Recs.Engine.Data;
using Recs.Engine.Model;

namespace Recs.Engine.Recommendation;

/// <summary>
/// "Films like this one": the film's item neighbours from the trained model (chosen at training by the cosine of the
/// "rated by" columns), each with its shared audience counted now from the rating rows, best cosine first.
/// Cost per call: one binary search per user row to find the film's raters, then one pass over each rater's row —
/// users·log(row) + (raters × their row lengths); the buffers are pooled.
/// </summary>
public static class SimilarFilms
{
    private static readonly byte LikedUnits = StarRating.ToUnits(StarRating.Liked);

    /// <summary>
    /// Writes up to <c>output.Length</c> films like <paramref name="film"/> to <paramref name="output"/>, highest cosine
    /// first (ties by film index), and returns how many. Only the model's neighbours of the film are candidates, and
    /// only those someone rated together with it.
    /// </summary>
    public static int Find(TrainedModel model, RatingsDataset data, int film, Span<SimilarFilm> output)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (model.FilmCount != data.FilmCount)
            throw new ArgumentException("the model and the data must share one catalogue", nameof(data));
        if ((uint)film >= (uint)data.FilmCount)
            throw new ArgumentOutOfRangeException(nameof(film));
        int k = model.NeighbourCount;
        if (k == 0 || output.IsEmpty)
            return 0;

        var neighbours = model.NeighbourFilms.AsSpan(film * k, k);
        int[] slotOf = ArrayPool<int>.Shared.Rent(data.FilmCount);
        int[] shared = ArrayPool<int>.Shared.Rent(k);
        int[] bothLiked = ArrayPool<int>.Shared.Rent(k);
        try
        {
            int slots = 0;
            foreach (int neighbour in neighbours)
            {
                if (neighbour < 0)
                    break;
                // A pooled array is not cleared: a slot counts only if it points back at the same film (checked below).
                slotOf[neighbour] = slots;
                shared[slots] = 0;
                bothLiked[slots] = 0;
                slots++;
            }
            for (int user = 0; user < data.UserCount; user++)
            {
                var films = data.FilmsOf(user);
                int at = films.BinarySearch(film);
                if (at < 0)
                    continue;
                var units = data.HalfStarsOf(user);
                bool likedThis = units[at] >= LikedUnits;
                for (int i = 0; i < films.Length; i++)
                {
                    int f = films[i];
                    int slot = slotOf[f];
                    if ((uint)slot >= (uint)slots || neighbours[slot] != f)
                        continue;
                    shared[slot]++;
                    if (likedThis && units[i] >= LikedUnits)
                        bothLiked[slot]++;
                }
            }

            int n = 0;
            float own = data.FilmCounts[film];
            var results = new SimilarFilm[slots];
            for (int s = 0; s < slots; s++)
            {
                if (shared[s] == 0)
                    continue;
                int other = neighbours[s];
                float cosine = shared[s] / MathF.Sqrt(own * data.FilmCounts[other]);
                results[n++] = new SimilarFilm(other, cosine, shared[s], bothLiked[s]);
            }
            var found = results.AsSpan(0, n);
            found.Sort(static (a, b) => b.Cosine.CompareTo(a.Cosine) is var byCosine and not 0 ? byCosine : a.Film.CompareTo(b.Film));
            int count = System.Math.Min(n, output.Length);
            found[..count].CopyTo(output);
            return count;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(slotOf);
            ArrayPool<int>.Shared.Return(shared);
            ArrayPool<int>.Shared.Return(bothLiked);
        }
    }
}
