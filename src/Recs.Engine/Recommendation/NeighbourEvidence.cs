using Recs.Engine.Catalog;
using Recs.Engine.Model;

namespace Recs.Engine.Recommendation;

/// <summary>
/// Explains a recommended film by the person's own films: among the film's item neighbours, those the person rated
/// at least <see cref="StarRating.Liked"/> with a positive regression weight, strongest first. The weight is the
/// film's share of the neighbour term that <see cref="BlendScorer"/> added for that rated film, so the films named
/// are the ones that raised the score most. The person's stars are looked up by film index (<see cref="Spread"/>
/// lays them out once per list), so each film costs K reads; nothing is allocated.
/// </summary>
public static class NeighbourEvidence
{
    /// <summary>
    /// Writes <paramref name="stars"/> into <paramref name="starsByFilm"/> at the index of each of <paramref name="films"/>
    /// and 0 everywhere else (a film index outside it is skipped): the look-up table <see cref="Strongest"/> reads.
    /// </summary>
    public static void Spread(ReadOnlySpan<int> films, ReadOnlySpan<float> stars, Span<float> starsByFilm)
    {
        if (films.Length != stars.Length)
            throw new ArgumentException("films and stars must have the same length", nameof(stars));
        starsByFilm.Clear();
        for (int i = 0; i < films.Length; i++)
        {
            if ((uint)films[i] < (uint)starsByFilm.Length)
                starsByFilm[films[i]] = stars[i];
        }
    }

    /// <summary>
    /// The two strongest liked neighbours of <paramref name="film"/>, given the person's stars by film index (0 where
    /// unrated; see <see cref="Spread"/>). Ties go to the higher rating, then the lower film index.
    /// </summary>
    public static FilmEvidence Strongest(TrainedModel model, int film, ReadOnlySpan<float> starsByFilm)
    {
        ArgumentNullException.ThrowIfNull(model);
        int k = model.NeighbourCount;
        if (k == 0 || (uint)film >= (uint)model.FilmCount)
            return FilmEvidence.None;

        var neighbours = model.NeighbourFilms.AsSpan(film * k, k);
        var weights = model.NeighbourSimilarities.AsSpan(film * k, k);
        (int Film, float Weight, float Stars) first = (-1, 0, 0), second = (-1, 0, 0);
        for (int n = 0; n < k; n++)
        {
            int neighbour = neighbours[n];
            if (neighbour < 0)
                break;
            float weight = weights[n];
            if (weight <= 0 || (uint)neighbour >= (uint)starsByFilm.Length)
                continue;
            float stars = starsByFilm[neighbour];
            if (stars < StarRating.Liked)
                continue;
            var candidate = (neighbour, weight, stars);
            if (Stronger(candidate, first))
                (second, first) = (first, candidate);
            else if (Stronger(candidate, second))
                second = candidate;
        }
        return new FilmEvidence(first.Film, first.Stars, second.Film, second.Stars);
    }

    private static bool Stronger((int Film, float Weight, float Stars) a, (int Film, float Weight, float Stars) b) =>
        b.Film < 0
        || a.Weight > b.Weight
        || (a.Weight == b.Weight && (a.Stars > b.Stars || (a.Stars == b.Stars && a.Film < b.Film)));
}
