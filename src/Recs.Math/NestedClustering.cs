namespace Recs.Math;

/// <summary>
/// A second level of clustering: the members of each top-level cluster are clustered again with mini-batch k-means,
/// the sub-count chosen by sampled silhouette over [max(2, ⌈n / MaxGroupSize⌉), max(that, MaxSubClusters)] (capped at
/// n − 1). The lower bound is the size rule: silhouette alone favours two halves in high dimensions, so a cluster of n
/// points is always cut into enough groups that they average at most MaxGroupSize points.
/// </summary>
public static class NestedClustering
{
    /// <summary>
    /// Splits every cluster of <paramref name="labels"/> (values in [0, clusterCount)) over the row-major points.
    /// Throws ArgumentException on the point-buffer errors of <see cref="MiniBatchKMeans.Fit"/>, a label count that is
    /// not the point count, or a label outside the range. An empty cluster gets no group; the result is deterministic
    /// for a seed.
    /// </summary>
    public static NestedClusteringResult Split(ReadOnlyMemory<float> points, int dimensions, int[] labels, int clusterCount, NestedClusteringOptions options,
        ScratchPool? scratch = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        int n = PointSet.Count(points.Span, dimensions, nameof(points));
        if (labels.Length != n)
            throw new ArgumentException($"Expected {n} labels, got {labels.Length}.", nameof(labels));
        if (options.MaxGroupSize < 1 || options.MaxSubClusters < 2 || options.SilhouetteSampleSize < 2)
            throw new ArgumentException("MaxGroupSize must be positive, MaxSubClusters and SilhouetteSampleSize at least 2.", nameof(options));
        var members = new List<int>[clusterCount];
        for (int c = 0; c < clusterCount; c++)
            members[c] = [];
        for (int i = 0; i < n; i++)
        {
            if ((uint)labels[i] >= (uint)clusterCount)
                throw new ArgumentException($"Label {labels[i]} of point {i} is outside [0, {clusterCount}).", nameof(labels));
            members[labels[i]].Add(i);
        }

        // Each cluster's members are copied to one contiguous buffer for its k-means runs, on the caller's pool when given.
        using var owned = scratch is null ? new ScratchPool() : null;
        scratch ??= owned!;
        var offsets = new int[clusterCount + 1];
        var centroids = new List<float>();
        var groupLabels = new int[n];
        var silhouettes = new double[clusterCount];
        var groupSilhouettes = new List<double>();
        for (int c = 0; c < clusterCount; c++)
        {
            var rows = members[c];
            var own = scratch.Rent<float>(rows.Count * dimensions);
            Gather(points.Span, dimensions, rows, own.Span);
            var (k, centres, local, silhouette, perGroup) = SplitOne(own, dimensions, rows.Count, options with { Seed = options.Seed + 7919 * c }, scratch);
            scratch.Return(own);
            for (int i = 0; i < rows.Count; i++)
                groupLabels[rows[i]] = offsets[c] + local[i];
            centroids.AddRange(centres);
            silhouettes[c] = silhouette;
            groupSilhouettes.AddRange(perGroup);
            offsets[c + 1] = offsets[c] + k;
        }
        return new NestedClusteringResult(dimensions, offsets, [.. centroids], groupLabels, silhouettes, [.. groupSilhouettes]);
    }

    /// <summary>The sub-counts tried for a cluster of <paramref name="size"/> points: (0, 0) for none, else the inclusive range.</summary>
    public static (int Min, int Max) SubCountRange(int size, NestedClusteringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (size < System.Math.Max(3, options.MinClusterSizeToSplit))
            return (0, 0);
        int min = System.Math.Max(2, (size + options.MaxGroupSize - 1) / options.MaxGroupSize);
        int max = System.Math.Min(System.Math.Max(min, options.MaxSubClusters), size - 1);
        return (System.Math.Min(min, max), max);
    }

    // A cluster left whole is one group with no sibling to be compared with: its group silhouette is NaN like the split's.
    private static (int K, float[] Centroids, int[] Labels, double Silhouette, IReadOnlyList<double> GroupSilhouettes) SplitOne(
        Memory<float> own, int dimensions, int size, NestedClusteringOptions options, ScratchPool scratch)
    {
        if (size == 0)
            return (0, [], [], double.NaN, []);
        var (min, max) = SubCountRange(size, options);
        if (max == 0)
            return (1, Mean(own.Span, dimensions, size), new int[size], double.NaN, [double.NaN]);
        var selection = ClusterCountSelector.Select(own, dimensions, new ClusterCountSelectorOptions
        {
            MinClusters = min,
            MaxClusters = max,
            SilhouetteSampleSize = System.Math.Min(options.SilhouetteSampleSize, size),
            Seed = options.Seed,
            KMeans = new MiniBatchKMeansOptions { Seed = options.Seed },
        }, scratch);
        double silhouette = double.NaN;
        foreach (var score in selection.Scores)
        {
            if (score.ClusterCount == selection.BestClusterCount)
                silhouette = score.Silhouette;
        }
        return (selection.BestClusterCount, selection.Best.Centroids, selection.Best.Labels, silhouette, selection.ClusterSilhouettes);
    }

    private static void Gather(ReadOnlySpan<float> points, int dimensions, List<int> rows, Span<float> own)
    {
        for (int i = 0; i < rows.Count; i++)
            points.Slice(rows[i] * dimensions, dimensions).CopyTo(own.Slice(i * dimensions, dimensions));
    }

    private static float[] Mean(ReadOnlySpan<float> own, int dimensions, int size)
    {
        var sums = new double[dimensions];
        for (int i = 0; i < size; i++)
        {
            for (int j = 0; j < dimensions; j++)
                sums[j] += own[i * dimensions + j];
        }
        var mean = new float[dimensions];
        for (int j = 0; j < dimensions; j++)
            mean[j] = (float)(sums[j] / size);
        return mean;
    }
}
