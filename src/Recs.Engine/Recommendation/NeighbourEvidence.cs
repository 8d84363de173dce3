using Recs.Engine.Catalog;
using Recs.Engine.Model;

namespace Recs.Engine.Recommendation;

/// <summary>
/// Explains a recommended film by the person's own films: among the film's item neighbours, those the person rated
/// at least <see cref="StarRating.Liked"/> with a positive regression weight, strongest first. The weight is the
/// film's share of the neighbour term that <see cref="BlendScorer"/> added for that rated film, so the films named
/// are the ones that raised the score most. K binary searches per film; nothing is allocated.
/// </summary>
public static class NeighbourEvidence
{
    /// <summary>
    /// The two strongest liked neighbours of <paramref name="film"/>; <paramref name="ratedFilms"/> must be ascending
    /// with <paramref name="ratedStars"/> beside them. Ties go to the higher rating, then the lower film index.
    /// </summary>
    public static FilmEvidence Strongest(TrainedModel model, int film, ReadOnlySpan<int> ratedFilms, ReadOnlySpan<float> ratedStars)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (ratedFilms.Length != ratedStars.Length)
            throw new ArgumentException("films and stars must have the same length", nameof(ratedStars));
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
            if (weight <= 0)
                continue;
            int at = ratedFilms.BinarySearch(neighbour);
            if (at < 0 || ratedStars[at] < StarRating.Liked)
                continue;
            var candidate = (neighbour, weight, ratedStars[at]);
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
