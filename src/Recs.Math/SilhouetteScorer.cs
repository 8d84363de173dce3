using System.Numerics.Tensors;

namespace Recs.Math;

/// <summary>
/// Exact Euclidean silhouette over a fixed random sample of points (a(i) and b(i) measured within the sample, as
/// scikit-learn's sampled silhouette_score does). The sample's pairwise distances are computed once, so scoring each
/// further labelling of the same points costs O(sample²) additions. Thread-safe for concurrent Score calls.
/// The distances (one triangle, sample·(sample − 1)/2 floats) and the per-score buffers come from a pool the scorer
/// owns, unmapped when the scorer is disposed.
/// </summary>
public sealed class SilhouetteScorer : IDisposable
{
    private readonly int _pointCount;
    private readonly int[] _sample;
    // The strict upper triangle of the sample's distance matrix, row by row: (i, j > i) is at RowStart(i) + j − i − 1.
    // A distance is symmetric to the bit (each term is a square of a difference), so half the matrix loses nothing.
    private readonly Memory<float> _distances;
    private readonly ScratchPool _scratch = new();

    /// <summary>
    /// Draws min(sampleSize, n) points with the seed and precomputes their distances (sample·(sample − 1)/2 floats, on
    /// the scorer's pages).
    /// Throws ArgumentException on non-finite values, a ragged buffer or sampleSize below 2.
    /// </summary>
    public SilhouetteScorer(ReadOnlySpan<float> points, int dimensions, int sampleSize, int seed)
    {
        int n = PointSet.Count(points, dimensions, nameof(points));
        if (sampleSize < 2)
            throw new ArgumentException($"Sample size {sampleSize} must be at least 2.", nameof(sampleSize));
        _pointCount = n;
        int s = System.Math.Min(sampleSize, n);
        _sample = new int[s];
        if (s == n)
        {
            for (int i = 0; i < n; i++)
                _sample[i] = i;
        }
        else
        {
            var all = new int[n];
            MiniBatchKMeans.SampleWithoutReplacement(n, s, new Random(seed), all);
            Array.Copy(all, _sample, s);
        }

        _distances = _scratch.Rent<float>(checked((int)((long)s * (s - 1) / 2)));
        FillDistances(points, dimensions);
    }

    /// <summary>Indices (into the original points) of the sampled points, in sample order.</summary>
    public ReadOnlySpan<int> SampleIndices => _sample;

    /// <summary>
    /// Mean silhouette in [−1, 1] of the sampled points under <paramref name="labels"/> (one non-negative label per
    /// original point); members of singleton clusters score 0. Throws ArgumentException when the length is wrong, a
    /// label is negative, or the sample holds fewer than 2 or more than sample − 1 distinct labels.
    /// </summary>
    public double Score(ReadOnlySpan<int> labels)
    {
        double score = TryScore(labels);
        if (double.IsNaN(score))
            throw new ArgumentException(
                $"The sample of {_sample.Length} points must contain between 2 and {_sample.Length - 1} distinct labels.", nameof(labels));
        return score;
    }

    /// <summary>
    /// <see cref="Score"/>, and per label: perLabel[c] receives the mean silhouette of the sampled points labelled c
    /// (NaN when the sample holds none of them; entries past the largest sampled label are NaN too). Throws
    /// ArgumentException as Score does, or when perLabel is shorter than the largest sampled label + 1.
    /// </summary>
    public double ScoreByLabel(ReadOnlySpan<int> labels, Span<double> perLabel)
    {
        if (perLabel.IsEmpty)
            throw new ArgumentException("The per-label buffer is empty.", nameof(perLabel));
        double score = TryScore(labels, perLabel);
        if (double.IsNaN(score))
            throw new ArgumentException(
                $"The sample of {_sample.Length} points must contain between 2 and {_sample.Length - 1} distinct labels.", nameof(labels));
        return score;
    }

    // NaN marks a labelling the silhouette is undefined for, so callers scanning many labellings can skip it.
    internal double TryScore(ReadOnlySpan<int> labels) => TryScore(labels, []);

    // perLabel, when not empty, also receives each label's mean over its sampled points (left untouched for NaN).
    internal double TryScore(ReadOnlySpan<int> labels, Span<double> perLabel)
    {
        if (labels.Length != _pointCount)
            throw new ArgumentException($"Expected {_pointCount} labels, got {labels.Length}.", nameof(labels));
        int s = _sample.Length;
        int clusterCount = 0;
        var sampleLabelsBuffer = _scratch.Rent<int>(s);
        try
        {
            var sampleLabels = sampleLabelsBuffer.Span;
            for (int i = 0; i < s; i++)
            {
                int label = labels[_sample[i]];
                if (label < 0)
                    throw new ArgumentException($"Label {label} of point {_sample[i]} is negative.", nameof(labels));
                sampleLabels[i] = label;
                clusterCount = System.Math.Max(clusterCount, label + 1);
            }
            if (!perLabel.IsEmpty && perLabel.Length < clusterCount)
                throw new ArgumentException($"The per-label buffer holds {perLabel.Length} entries; the sample has label {clusterCount - 1}.",
                    nameof(perLabel));
            return ScoreSample(sampleLabelsBuffer, clusterCount, perLabel);
        }
        finally
        {
            _scratch.Return(sampleLabelsBuffer);
        }
    }

    // Row i owns the pairs (i, j > i); rows are dealt out round-robin so every block gets a similar share of the triangle.
    private unsafe void FillDistances(ReadOnlySpan<float> points, int dimensions)
    {
        int s = _sample.Length;
        int blocks = s * (long)s * dimensions < 4_000_000 ? 1 : System.Math.Min(s, 4 * Environment.ProcessorCount);
        fixed (float* p = points)
        {
            float* basePointer = p;
            int length = points.Length;
            Parallel.For(0, blocks, block =>
            {
                var all = new ReadOnlySpan<float>(basePointer, length);
                var distances = _distances.Span;
                for (int i = block; i < s; i += blocks)
                {
                    var xi = all.Slice(_sample[i] * dimensions, dimensions);
                    var upper = distances.Slice(RowStart(i, s), s - i - 1);
                    for (int j = i + 1; j < s; j++)
                        upper[j - i - 1] = TensorPrimitives.Distance(xi, all.Slice(_sample[j] * dimensions, dimensions));
                }
            });
        }
    }

    private static int RowStart(int i, int s) => (int)((long)i * s - (long)i * (i + 1) / 2);

    // Row i of the full matrix: (j < i, i) down column i of the triangle, 0 on the diagonal, then row i of the triangle.
    // Consecutive rows read neighbouring floats of the same triangle rows, so a worker walking its rows in order
    // finds them in cache.
    private void ExpandRow(int i, Span<float> row)
    {
        int s = _sample.Length;
        var distances = _distances.Span;
        // (j, i) sits at RowStart(j) + i − j − 1; from one j to the next that moves by s − j − 2.
        for (int j = 0, at = i - 1; j < i; at += s - j - 2, j++)
            row[j] = distances[at];
        row[i] = 0f;
        distances.Slice(RowStart(i, s), s - i - 1).CopyTo(row[(i + 1)..]);
    }

    private double ScoreSample(Memory<int> sampleLabelsBuffer, int clusterCount, Span<double> perLabel)
    {
        int s = _sample.Length;
        var sizesBuffer = _scratch.Rent<int>(clusterCount + 1);
        var byClusterBuffer = _scratch.Rent<int>(s);
        var silhouettesBuffer = _scratch.Rent<double>(s);
        Memory<float> rowsBuffer = default;
        try
        {
            var sampleLabels = sampleLabelsBuffer.Span;
            var sizes = sizesBuffer.Span;
            var byCluster = byClusterBuffer.Span;
            sizes.Clear();
            for (int i = 0; i < s; i++)
                sizes[sampleLabels[i]]++;
            int present = 0;
            for (int c = 0; c < clusterCount; c++)
                present += sizes[c] > 0 ? 1 : 0;
            if (present < 2 || present > s - 1)
                return double.NaN;

            // Sample positions grouped by cluster: each cluster's distance sum becomes one gather-and-add run over a
            // contiguous index segment instead of a scattered add into a per-cluster slot for every pair.
            var starts = new int[clusterCount + 1];
            for (int c = 0; c < clusterCount; c++)
                starts[c + 1] = starts[c] + sizes[c];
            var next = starts[..^1];
            for (int i = 0; i < s; i++)
                byCluster[next[sampleLabels[i]]++] = i;

            // Rows are independent; each block writes its own slots and the final sum runs in sample order,
            // so the result does not depend on scheduling.
            int blocks = System.Math.Min(s, 4 * Environment.ProcessorCount);
            rowsBuffer = _scratch.Rent<float>(blocks * s);
            var rows = rowsBuffer;
            Parallel.For(0, blocks, block =>
            {
                var silhouettes = silhouettesBuffer.Span;
                var row = rows.Span.Slice(block * s, s);
                for (int i = block * s / blocks; i < (block + 1) * s / blocks; i++)
                    silhouettes[i] = PointSilhouette(i, sampleLabelsBuffer.Span, starts, byClusterBuffer.Span, row);
            });
            double total = 0;
            foreach (double silhouette in silhouettesBuffer.Span)
                total += silhouette;
            if (!perLabel.IsEmpty)
                MeansByLabel(silhouettesBuffer.Span, sampleLabels, sizes[..clusterCount], perLabel);
            return total / s;
        }
        finally
        {
            _scratch.Return(sizesBuffer);
            _scratch.Return(byClusterBuffer);
            _scratch.Return(silhouettesBuffer);
            if (!rowsBuffer.IsEmpty)
                _scratch.Return(rowsBuffer);
        }
    }

    // Sums run in sample order, as the overall mean does, so a label's mean does not depend on scheduling either.
    private static void MeansByLabel(ReadOnlySpan<double> silhouettes, ReadOnlySpan<int> sampleLabels, ReadOnlySpan<int> sizes, Span<double> perLabel)
    {
        perLabel.Clear();
        for (int i = 0; i < silhouettes.Length; i++)
            perLabel[sampleLabels[i]] += silhouettes[i];
        for (int c = 0; c < perLabel.Length; c++)
            perLabel[c] = c < sizes.Length && sizes[c] > 0 ? perLabel[c] / sizes[c] : double.NaN;
    }

    /// <summary>Unmaps the per-score buffers; the scorer must not be used afterwards.</summary>
    public void Dispose() => _scratch.Dispose();

    private double PointSilhouette(int i, ReadOnlySpan<int> sampleLabels, int[] starts, ReadOnlySpan<int> byCluster, Span<float> row)
    {
        int own = sampleLabels[i];
        int ownSize = starts[own + 1] - starts[own];
        if (ownSize == 1)
            return 0.0;
        ExpandRow(i, row);
        double a = 0;
        double b = double.PositiveInfinity;
        for (int c = 0; c + 1 < starts.Length; c++)
        {
            int size = starts[c + 1] - starts[c];
            if (size == 0)
                continue;
            double sum = SparseKernels.GatherSum(byCluster.Slice(starts[c], size), row);
            if (c == own)
                a = sum / (size - 1);
            else
                b = System.Math.Min(b, sum / size);
        }
        double denominator = System.Math.Max(a, b);
        return denominator > 0 ? (b - a) / denominator : 0.0;
    }
}
