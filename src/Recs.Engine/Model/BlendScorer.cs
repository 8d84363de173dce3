using System.Buffers;
using System.Diagnostics;
using System.Numerics.Tensors;
using Recs.Engine.Catalog;
using Recs.Engine.Recommendation;
using Recs.Math;

namespace Recs.Engine.Model;

/// <summary>
/// Scores every film for one person from a <see cref="TrainedModel"/> by fold-in (works the same for trained users
/// and for people the model has never seen) and keeps the best in a bounded heap. Candidates are films rated by the
/// person's cluster that they have not rated. Scratch space is pooled; nothing is allocated per call.
/// </summary>
public static class BlendScorer
{
    /// <summary>
    /// Writes the best films for someone with the given ratings to <paramref name="output"/> best first and returns how
    /// many; never a rated film, one in <paramref name="alsoExclude"/>, or one <paramref name="query"/> (when given)
    /// disallows. Returns -1 when <paramref name="deadline"/> (a Stopwatch timestamp) passed first. A query's
    /// obscurity re-ranks the best <see cref="ObscurityDial.Pool"/> films by <see cref="ObscurityDial"/>; without it
    /// (or at 0.5) the list is the blend's own.
    /// </summary>
    public static int Recommend(
        TrainedModel model, BlendWeights weights, ReadOnlySpan<int> films, ReadOnlySpan<float> stars,
        Film[]? catalogue, RecommendationQuery? query, IReadOnlySet<int>? alsoExclude, Span<ScoredFilm> output,
        long deadline = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(weights);
        if (films.Length != stars.Length)
            throw new ArgumentException("films and stars must have the same length", nameof(stars));
        if (output.IsEmpty)
            return 0;
        if (query?.Obscurity is not { } obscurity || !ObscurityDial.Moves(obscurity))
            return Rank(model, weights, films, stars, catalogue, query, alsoExclude, output, deadline);

        // The dial re-ranks a deeper pool than the list, so it can bring in films from further down the blend's ranking.
        int size = System.Math.Max(ObscurityDial.Pool, output.Length);
        var pool = ArrayPool<ScoredFilm>.Shared.Rent(size);
        try
        {
            int n = Rank(model, weights, films, stars, catalogue, query, alsoExclude, pool.AsSpan(0, size), deadline);
            if (n <= 0)
                return n;
            ObscurityDial.Rerank(pool.AsSpan(0, n), model.FilmCounts, obscurity);
            int kept = System.Math.Min(n, output.Length);
            pool.AsSpan(0, kept).CopyTo(output);
            return kept;
        }
        finally
        {
            ArrayPool<ScoredFilm>.Shared.Return(pool);
        }
    }

    private static int Rank(
        TrainedModel model, BlendWeights weights, ReadOnlySpan<int> films, ReadOnlySpan<float> stars,
        Film[]? catalogue, RecommendationQuery? query, IReadOnlySet<int>? alsoExclude, Span<ScoredFilm> output, long deadline)
    {
        int nFilms = model.FilmCount;
        float[] scores = ArrayPool<float>.Shared.Rent(nFilms);
        float[] near = ArrayPool<float>.Shared.Rent(nFilms);
        try
        {
            var svdScores = scores.AsSpan(0, nFilms);
            var neighbourhood = near.AsSpan(0, nFilms);
            if (!TryPrepare(model, weights, films, stars, svdScores, neighbourhood, deadline, out var terms))
                return -1;
            bool filtered = query is not null && catalogue is not null;

            // Pass 2: blend and keep the best; the filters run only for films good enough to enter the heap.
            var top = new TopN(output);
            for (int f = 0; f < nFilms; f++)
            {
                int n = terms.Supporters(f);
                float svd = svdScores[f];
                if (n < weights.MinClusterSupport || float.IsNaN(svd))
                    continue;
                float score = terms.Score(f, svd, neighbourhood[f]);
                // Strictly below: a film tied with the lowest kept one may still win the tie on its index, which keeps
                // the best N the head of the best N + k, whatever the list length.
                if (score < top.Threshold)
                    continue;
                if (alsoExclude is not null && alsoExclude.Contains(f))
                    continue;
                if (filtered && !query!.Allows(catalogue![f]))
                    continue;
                top.Offer(new ScoredFilm(f, score, n, terms.SupportMean(f)));
            }
            return top.SortDescending();
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
            ArrayPool<float>.Shared.Return(near);
        }
    }

    /// <summary>
    /// Scores the given <paramref name="candidates"/> (film indices, any order, repeats allowed) for someone with the
    /// given ratings by the same blend as <see cref="Recommend"/>, writing one <see cref="ScoredFilm"/> per candidate
    /// in the candidates' order. A candidate the person rated, or outside the model, scores <see cref="float.NaN"/>.
    /// No cluster-support minimum applies: a film nobody in the cluster rated is scored from its other terms.
    /// </summary>
    public static void Score(
        TrainedModel model, BlendWeights weights, ReadOnlySpan<int> films, ReadOnlySpan<float> stars,
        ReadOnlySpan<int> candidates, Span<ScoredFilm> output)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(weights);
        if (films.Length != stars.Length)
            throw new ArgumentException("films and stars must have the same length", nameof(stars));
        if (output.Length < candidates.Length)
            throw new ArgumentException("output must hold one entry per candidate", nameof(output));
        int nFilms = model.FilmCount;
        float[] scores = ArrayPool<float>.Shared.Rent(nFilms);
        float[] near = ArrayPool<float>.Shared.Rent(nFilms);
        try
        {
            var svdScores = scores.AsSpan(0, nFilms);
            var neighbourhood = near.AsSpan(0, nFilms);
            TryPrepare(model, weights, films, stars, svdScores, neighbourhood, long.MaxValue, out var terms);
            for (int i = 0; i < candidates.Length; i++)
            {
                int f = candidates[i];
                output[i] = (uint)f >= (uint)nFilms || float.IsNaN(svdScores[f])
                    ? new ScoredFilm(f, float.NaN, 0, 0)
                    : new ScoredFilm(f, terms.Score(f, svdScores[f], neighbourhood[f]), terms.Supporters(f), terms.SupportMean(f));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
            ArrayPool<float>.Shared.Return(near);
        }
    }

    // Folds the person in and fills, for every film, its unscaled SVD score (NaN for rated films) and its summed
    // neighbour weight; false when the deadline passed first. Both passes are over all films because the scales are
    // the maxima over every unrated film, whatever the caller then scores.
    private static bool TryPrepare(
        TrainedModel model, BlendWeights weights, ReadOnlySpan<int> films, ReadOnlySpan<float> stars,
        Span<float> scores, Span<float> neighbourhood, long deadline, out BlendTerms terms)
    {
        int nFilms = model.FilmCount;
        float[] taste = ArrayPool<float>.Shared.Rent(model.TasteRank);
        float[] factor = ArrayPool<float>.Shared.Rent(model.RankingRank);
        try
        {
            var direction = taste.AsSpan(0, model.TasteRank);
            FoldIn.TasteDirection(model, films, stars, direction);
            int cluster = FoldIn.Cluster(model, direction);
            var q = factor.AsSpan(0, model.RankingRank);
            FoldIn.RankingFactor(model, films, stars, q);

            // Pass 1: raw-SVD scores q·wᶠ/sᶠ for every film, and the largest, which scales them to [.., 1].
            RowDots.Compute(model.RankingVectors, model.RankingRank, q, scores);
            // Undo each column's popularity scaling: the product then approximates the raw rating matrix itself.
            TensorPrimitives.Multiply(scores, model.RankingUnscales.AsSpan(0, nFilms), scores);
            float max = nFilms == 0 ? 0 : System.Math.Max(0, TensorPrimitives.Max(scores));
            foreach (int f in films)
            {
                if ((uint)f < (uint)nFilms)
                    scores[f] = float.NaN;
            }
            terms = default;
            if (Stopwatch.GetTimestamp() > deadline)
                return false;

            // Item neighbours: each candidate sums its regression weights over those of its K neighbours the person rated,
            // computed by scattering from the rated films through the reversed lists (ratings × K work, not films × K).
            float nearMax = 0;
            neighbourhood.Clear();
            if (weights.Neighbours != 0 && model.NeighbourCount > 0)
            {
                var offsets = model.ReverseNeighbourOffsets;
                var targets = model.ReverseNeighbourFilms;
                var targetWeights = model.ReverseNeighbourWeights;
                // Rated films are the NaNs in scores: one entry per film even if the input repeats a film.
                for (int k = 0; k < nFilms; k++)
                {
                    if (!float.IsNaN(scores[k]))
                        continue;
                    for (int p = offsets[k]; p < offsets[k + 1]; p++)
                        neighbourhood[targets[p]] += targetWeights[p];
                }
                for (int f = 0; f < nFilms; f++)
                {
                    if (!float.IsNaN(scores[f]) && neighbourhood[f] > nearMax)
                        nearMax = neighbourhood[f];
                }
            }
            float nearScale = nearMax > 0 ? weights.Neighbours / nearMax : 0;
            float svdScale = max > 0 ? weights.Svd / max : 0;
            terms = new BlendTerms(model, weights, cluster, svdScale, nearScale, weights.Popularity / model.LogMaxFilmCount);
            return true;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(taste);
            ArrayPool<float>.Shared.Return(factor);
        }
    }
}
