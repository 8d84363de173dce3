using System.Diagnostics;
using Recs.Engine.Data;
using Recs.Math;

namespace Recs.Engine.Training;

/// <summary>
/// The model pipeline: per-user mean-centred ratings matrix → truncated SVD by Lanczos → mini-batch k-means on the
/// L2-normalised user factors (a cosine clustering of taste directions) with k chosen by sampled silhouette.
/// </summary>
public static class TrainingPipeline
{
    /// <summary>Trains on every rating in <paramref name="data"/>; throws <see cref="ArgumentException"/> when the data cannot support the options.</summary>
    public static TrainingResult Run(RatingsDataset data, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (data.RatingCount == 0)
            throw new ArgumentException("there are no ratings to train on", nameof(data));

        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        long t = Stopwatch.GetTimestamp();
        var rows = new int[data.RatingCount];
        for (int u = 0; u < data.UserCount; u++)
            rows.AsSpan(data.UserOffsets[u], data.UserOffsets[u + 1] - data.UserOffsets[u]).Fill(u);
        var matrix = CsrMatrix.FromTriples(rows, data.UserFilms, data.UserStars, data.UserCount, data.FilmCount, centreRows: true);
        seconds["matrix"] = Lap(ref t);

        int rank = System.Math.Min(options.Components, System.Math.Min(data.UserCount, data.FilmCount));
        var svd = LanczosSvd.Compute(matrix, new LanczosSvdOptions { Rank = rank, Seed = options.Seed });
        seconds["svd"] = Lap(ref t);

        var points = ClusterGeometry.UnitScaledRows(svd);
        int maxClusters = System.Math.Min(options.MaxClusters, data.UserCount - 1);
        int minClusters = System.Math.Min(options.MinClusters, maxClusters);
        var clusters = ClusterCountSelector.Select(points, svd.Rank, new ClusterCountSelectorOptions
        {
            MinClusters = minClusters,
            MaxClusters = maxClusters,
            SilhouetteSampleSize = System.Math.Min(options.SilhouetteSample, data.UserCount),
            Seed = options.Seed,
        });
        seconds["clusters"] = Lap(ref t);
        return new TrainingResult(matrix, svd, points, clusters, seconds);
    }

    private static double Lap(ref long t)
    {
        long now = Stopwatch.GetTimestamp();
        double s = (now - t) / (double)Stopwatch.Frequency;
        t = now;
        return s;
    }
}
