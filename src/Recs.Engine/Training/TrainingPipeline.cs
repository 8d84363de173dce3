using System.Diagnostics;
using Recs.Engine.Data;
using Recs.Math;

namespace Recs.Engine.Training;

/// <summary>
/// The model pipeline: per-user mean-centred ratings matrix → truncated SVD by Lanczos → mini-batch k-means on the
/// L2-normalised user factors (a cosine clustering of taste directions) with k chosen by sampled silhouette.
/// Stage seconds are reported under "matrix", "svd", "kmeans" and "silhouette". The stages' scratch buffers come from
/// one <see cref="ScratchPool"/> per run (the caller's, or one of its own unmapped at the end), never from a
/// process-wide pool, so nothing of a finished run stays resident.
/// </summary>
public static class TrainingPipeline
{
    /// <summary>Trains on every rating in <paramref name="data"/>; throws <see cref="ArgumentException"/> when the data cannot support the options.</summary>
    public static TrainingResult Run(RatingsDataset data, TrainingOptions options, ScratchPool? scratch = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (data.RatingCount == 0)
            throw new ArgumentException("there are no ratings to train on", nameof(data));

        long t = Stopwatch.GetTimestamp();
        var matrix = RatingMatrices.Centred(data);
        return Factorise(matrix, options, Stopwatch.GetElapsedTime(t).TotalSeconds, scratch);
    }

    /// <summary>
    /// Factorises and clusters a ratings matrix the caller built (e.g. <see cref="RatingMatrices.Centred(RatingsDataset)"/>);
    /// throws <see cref="ArgumentException"/> when it cannot support the options.
    /// </summary>
    public static TrainingResult Run(ILinearOperator matrix, TrainingOptions options, ScratchPool? scratch = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(options);
        if (matrix.NonZeroCount == 0)
            throw new ArgumentException("there are no ratings to train on", nameof(matrix));
        return Factorise(matrix, options, 0, scratch);
    }

    /// <summary>Trains on rating triples (a repeated user–film pair keeps its last rating); throws <see cref="ArgumentException"/> when the data cannot support the options.</summary>
    public static TrainingResult Run(RatingTriples ratings, TrainingOptions options, ScratchPool? scratch = null)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(options);
        if (ratings.Count == 0)
            throw new ArgumentException("there are no ratings to train on", nameof(ratings));
        long t = Stopwatch.GetTimestamp();
        var matrix = TrainingMatrix.Build(ratings);
        return Factorise(matrix, options, Stopwatch.GetElapsedTime(t).TotalSeconds, scratch);
    }

    private static TrainingResult Factorise(ILinearOperator matrix, TrainingOptions options, double matrixSeconds, ScratchPool? scratch)
    {
        using var owned = scratch is null ? new ScratchPool() : null;
        scratch ??= owned!;
        if (matrix.Rows < 3)
            throw new ArgumentException($"{matrix.Rows} users are too few to cluster; at least 3 are needed", nameof(matrix));
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal) { ["matrix"] = matrixSeconds };
        long t = Stopwatch.GetTimestamp();
        int rank = System.Math.Min(options.Components, System.Math.Min(matrix.Rows, matrix.Columns));
        var svd = LanczosSvd.Compute(matrix, new LanczosSvdOptions { Rank = rank, Seed = options.Seed }, scratch);
        seconds["svd"] = Stopwatch.GetElapsedTime(t).TotalSeconds;
        // The clustering needs a few small buffers and the silhouette sample's points, none of them the Krylov bases'
        // size: unmapping those now keeps them from being resident together.
        scratch.Trim();

        // The points live only for the clustering (users × rank floats, 26 MB at 100,000 users): on the caller's pool,
        // which the caller may take them back to; on an array when the pool is this run's own, which ends here.
        Memory<float> points = owned is null ? scratch.Rent<float>(svd.Rows * svd.Rank) : new float[svd.Rows * svd.Rank];
        if (options.NormaliseRows)
            ClusterGeometry.UnitScaledRows(svd.U, svd.SingularValues, svd.Rows, svd.Rank, points.Span);
        else
            UserFactors.Scaled(svd, points.Span);
        int maxClusters = System.Math.Min(options.MaxClusters, matrix.Rows - 1);
        int minClusters = System.Math.Min(options.MinClusters, maxClusters);
        var clusters = ClusterCountSelector.Select(points, svd.Rank, new ClusterCountSelectorOptions
        {
            MinClusters = minClusters,
            MaxClusters = maxClusters,
            SilhouetteSampleSize = System.Math.Min(options.SilhouetteSample, matrix.Rows),
            Seed = options.Seed,
        }, scratch);
        seconds["kmeans"] = clusters.KMeansSeconds;
        seconds["silhouette"] = clusters.SilhouetteSeconds;
        return new TrainingResult(matrix, svd, points, clusters, seconds);
    }
}
