using System.Numerics.Tensors;
using Recs.Engine.Catalog;
using Recs.Engine.Data;
using Recs.Engine.Evaluation;
using Recs.Math;

namespace Recs.Engine.Model;

/// <summary>
/// Chooses the ranking SVD's popularity debiasing β and rank by NDCG@10 on a validation split carved out of the
/// training ratings. The best pair differs by catalogue: on a small, popularity-dominated set debiasing hurts, on a
/// large long-tailed one it helps by 10 % or more, so no single default serves both.
/// </summary>
public static class RankingSelection
{
    private const int ListLength = 10;
    private const float RelevantStars = StarRating.Liked;

    /// <summary>
    /// The (β, rank) among the candidates with the best validation NDCG@10 (the first candidate pair on ties or when
    /// the data is too small to validate). One SVD per β at the largest rank; smaller ranks are its leading factors.
    /// Past <see cref="ModelTrainingOptions.SelectionRatings"/> ratings, only a sample of users takes part.
    /// The SVDs share the work buffers of <paramref name="scratch"/> when given.
    /// </summary>
    public static (double Beta, int Rank) Choose(RatingsDataset data, ModelTrainingOptions options, ScratchPool? scratch = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var betas = options.DebiasCandidates;
        var ranks = options.RankCandidates;
        int maxRank = System.Math.Min(ranks.Max(), System.Math.Min(data.UserCount, data.FilmCount) - 1);
        if (betas.Count == 0 || ranks.Count == 0 || maxRank < 1)
            return (options.PopularityDebias, options.RankingRank);

        // Every sampleStride-th user takes part (all of them up to SelectionRatings ratings); of those, every stride-th
        // is validated, with every fifth rating (at a seeded offset) held out when they have at least five. The
        // matrices keep the data set's rows (or the sample's of them) and store a held-out rating as an explicit
        // zero, which adds nothing to any product: only the units are allocated, not indexes.
        var random = new Random(options.Pipeline.Seed + 7919);
        using var owned = scratch is null ? new ScratchPool() : null;
        scratch ??= owned!;
        int sampleStride = SampleStride(data.RatingCount, options.SelectionRatings);
        var sample = sampleStride == 1 ? data.RowPattern() : SampledRows(data, sampleStride);
        var offsets = sample.RowPointers;
        int sampled = (data.UserCount + sampleStride - 1) / sampleStride;
        var stride = System.Math.Max(1, sampled / options.SelectionUsers);
        int entries = sample.NonZeroCount;
        // Half-star units, a byte a rating (0 = held out): the scaled matrices compute their values from these.
        var trainUnitsBuffer = scratch.Rent<byte>(entries);
        var trainUnits = trainUnitsBuffer.Span;
        var counts = new int[data.FilmCount];
        var held = new List<(int User, int[] Relevant)>();
        for (int u = 0; u < data.UserCount; u++)
        {
            int offset = random.Next(5);
            if (u % sampleStride != 0)
                continue;
            var films = data.FilmsOf(u);
            var units = data.HalfStarsOf(u);
            bool validate = films.Length >= 5 && u / sampleStride % stride == 0;
            var relevant = new List<int>();
            for (int i = 0, at = offsets[u]; i < films.Length; i++, at++)
            {
                if (validate && i % 5 == offset)
                {
                    if (StarRating.FromUnits(units[i]) >= RelevantStars)
                        relevant.Add(films[i]);
                    trainUnits[at] = 0;
                    continue;
                }
                trainUnits[at] = units[i];
                counts[films[i]]++;
            }
            if (relevant.Count > 0)
            {
                relevant.Sort();
                held.Add((u, relevant.ToArray()));
            }
        }
        if (held.Count == 0)
        {
            scratch.Return(trainUnitsBuffer);
            return (betas[0], ranks[0]);
        }

        // One buffer for the right vectors of every β's SVD: none is kept, so none needs the collected heap.
        var vectors = scratch.Rent<float>(data.FilmCount * maxRank);
        var best = (Ndcg: -1.0, Beta: betas[0], Rank: ranks[0]);
        // Each β only scales the columns of the same units.
        var unscaled = CodedSparseMatrix.Create(sample, trainUnitsBuffer, StarRating.FromUnits(1));
        foreach (double beta in betas)
        {
            var scales = new float[data.FilmCount];
            for (int f = 0; f < scales.Length; f++)
                scales[f] = (float)System.Math.Pow(System.Math.Max(1, counts[f]), -beta);
            var matrix = unscaled.Rescaled(rowOffsets: null, columnScales: scales);
            var svd = LanczosSvd.Compute(matrix, new LanczosSvdOptions { Rank = maxRank, Seed = options.Pipeline.Seed, LeftVectors = false },
                scratch, vectors);
            foreach (int rank in ranks)
            {
                if (rank > svd.Rank)
                    continue;
                double ndcg = Score(matrix, vectors.Span[..(data.FilmCount * svd.Rank)], svd.Rank, rank, scales, held);
                if (ndcg > best.Ndcg)
                    best = (ndcg, beta, rank);
            }
        }
        scratch.Return(trainUnitsBuffer);
        scratch.Return(vectors);
        return (best.Beta, best.Rank);
    }

    // The rows of every sampleStride-th user (the others empty), as a pattern of rows only of the data set's shape.
    private static SparsePattern SampledRows(RatingsDataset data, int sampleStride)
    {
        var offsets = new int[data.UserCount + 1];
        for (int u = 0; u < data.UserCount; u++)
            offsets[u + 1] = offsets[u] + (u % sampleStride == 0 ? data.FilmsOf(u).Length : 0);
        var columns = new int[offsets[data.UserCount]];
        for (int u = 0; u < data.UserCount; u += sampleStride)
            data.FilmsOf(u).CopyTo(columns.AsSpan(offsets[u]));
        return SparsePattern.RowsOnly(data.UserCount, data.FilmCount, offsets, columns);
    }

    /// <summary>
    /// Every how many users one takes part in the choice: 1 up to <paramref name="selectionRatings"/> ratings, else the
    /// smallest stride whose sample holds at most about that many (users are taken evenly, so ratings too on average).
    /// </summary>
    public static int SampleStride(int ratings, int selectionRatings) =>
        (int)System.Math.Max(1, ((long)ratings + selectionRatings - 1) / System.Math.Max(1, selectionRatings));

    // Mean NDCG@10 of PureSVD on the scaled matrix with the first `rank` factors, scores unscaled as the scorer does.
    internal static double Score(CodedSparseMatrix matrix, ReadOnlySpan<float> v, int stored, int rank, float[] scales, List<(int User, int[] Relevant)> held)
    {
        int films = matrix.Columns;
        var q = new float[rank];
        var scores = new float[films];
        var top = new int[ListLength];
        var topScores = new float[ListLength];
        double total = 0;
        foreach (var (user, relevant) in held)
        {
            Array.Clear(q);
            int start = matrix.RowPointers[user], end = matrix.RowPointers[user + 1];
            for (int i = start; i < end; i++)
                TensorPrimitives.MultiplyAdd(v.Slice(matrix.ColumnIndices[i] * stored, rank), matrix.ValueAt(user, i), q, q);
            for (int f = 0; f < films; f++)
                scores[f] = TensorPrimitives.Dot(q, v.Slice(f * stored, rank)) / scales[f];
            // Explicit zeros are the held-out ratings: they stay candidates.
            for (int i = start; i < end; i++)
            {
                if (matrix.Codes[i] != 0)
                    scores[matrix.ColumnIndices[i]] = float.NegativeInfinity;
            }
            int n = 0;
            for (int f = 0; f < films; f++)
            {
                float s = scores[f];
                if (float.IsNegativeInfinity(s) || (n == ListLength && s <= topScores[n - 1]))
                    continue;
                int at = n < ListLength ? n++ : n - 1;
                while (at > 0 && topScores[at - 1] < s)
                {
                    topScores[at] = topScores[at - 1];
                    top[at] = top[at - 1];
                    at--;
                }
                topScores[at] = s;
                top[at] = f;
            }
            total += ListMetrics.Ndcg(top.AsSpan(0, n), relevant, ListLength);
        }
        return total / held.Count;
    }
}
