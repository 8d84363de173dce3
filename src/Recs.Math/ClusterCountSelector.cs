using System.Diagnostics;

namespace Recs.Math;

/// <summary>Chooses a cluster count by running mini-batch k-means for each candidate and maximising the sampled silhouette.</summary>
public static class ClusterCountSelector
{
    /// <summary>
    /// Scores every count in [MinClusters, MaxClusters] on one shared silhouette sample and returns the best (ties go
    /// to the smaller count). Throws ArgumentException when MinClusters is below 2, the range is empty, or MaxClusters
    /// is not below the number of points, and on the point-buffer errors of <see cref="MiniBatchKMeans.Fit"/>.
    /// The clusterings borrow their scratch buffers from <paramref name="scratch"/> (one pool for the whole scan when null).
    /// </summary>
    public static ClusterCountSelection Select(ReadOnlyMemory<float> points, int dimensions, ClusterCountSelectorOptions options,
        ScratchPool? scratch = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        int n = PointSet.Count(points.Span, dimensions, nameof(points));
        int min = options.MinClusters;
        int max = options.MaxClusters;
        if (min < 2 || max < min || max >= n)
            throw new ArgumentException(
                $"Cluster range [{min}, {max}] must satisfy 2 ≤ min ≤ max < number of points ({n}).", nameof(options));

        using var owned = scratch is null ? new ScratchPool() : null;
        scratch ??= owned!;
        int candidates = max - min + 1;
        var results = new KMeansResult[candidates];
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount,
        };
        // Clustering and scoring run as two phases so each reports its own wall time.
        long started = Stopwatch.GetTimestamp();
        // Largest counts first: they take longest, so starting them early balances the cores.
        Parallel.For(0, candidates, parallel, slot =>
        {
            int k = max - slot;
            var kmeansOptions = options.KMeans with { ClusterCount = k, Seed = options.KMeans.Seed + k };
            results[k - min] = MiniBatchKMeans.Fit(points.Span, dimensions, kmeansOptions, scratch);
        });
        long clustered = Stopwatch.GetTimestamp();

        // All candidates are scored in one pass, so the sample's distances are computed once, not once per count.
        using var scorer = new SilhouetteScorer(points.Span, dimensions, options.SilhouetteSampleSize, options.Seed);
        var silhouettes = new double[candidates];
        var labellings = new ReadOnlyMemory<int>[candidates];
        // Each labelling's per-cluster means come from the same pass as its overall score, so the winner's are at hand.
        var byCluster = new double[candidates][];
        var byClusterBuffers = new Memory<double>[candidates];
        for (int i = 0; i < candidates; i++)
        {
            labellings[i] = results[i].Labels;
            byCluster[i] = new double[min + i];
            byClusterBuffers[i] = byCluster[i];
        }
        scorer.TryScoreEach(labellings, silhouettes, byClusterBuffers);
        long scored = Stopwatch.GetTimestamp();

        var scores = new ClusterCountScore[candidates];
        int best = -1;
        for (int i = 0; i < candidates; i++)
        {
            scores[i] = new ClusterCountScore(min + i, silhouettes[i], results[i].Inertia);
            if (!double.IsNaN(silhouettes[i]) && (best < 0 || silhouettes[i] > silhouettes[best]))
                best = i;
        }
        if (best < 0)
            best = 0;
        var clusterSilhouettes = byCluster[best];
        if (double.IsNaN(silhouettes[best]))
            clusterSilhouettes.AsSpan().Fill(double.NaN);
        return new ClusterCountSelection(scores, min + best, results[best])
        {
            ClusterSilhouettes = clusterSilhouettes,
            KMeansSeconds = Stopwatch.GetElapsedTime(started, clustered).TotalSeconds,
            SilhouetteSeconds = Stopwatch.GetElapsedTime(clustered, scored).TotalSeconds,
        };
    }
}
