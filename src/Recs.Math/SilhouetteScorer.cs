using System.Numerics.Tensors;

namespace Recs.Math;

/// <summary>
/// Exact Euclidean silhouette over a fixed random sample of points (a(i) and b(i) measured within the sample, as
/// scikit-learn's sampled silhouette_score does). Thread-safe for concurrent Score calls.
/// The scorer keeps only a compact copy of the sampled points (sample × dimensions floats) and recomputes distances on
/// every pass, one row per point into a buffer of sample floats per part of the pass: storing the sample's distance triangle
/// instead (sample·(sample − 1)/2 floats, 8 MB for 2,000 points) was the largest block of a training's scratch, and a
/// pass of sample² × dimensions flops is cheap beside the k-means runs it scores. Labellings scored together share one
/// pass, so a cluster-count scan pays for its distances once. The copy and the per-pass buffers come from a pool the
/// scorer owns, unmapped when the scorer is disposed.
/// </summary>
public sealed class SilhouetteScorer : IDisposable
{
    private readonly int _pointCount;
    private readonly int _dimensions;
    private readonly int[] _sample;
    // Sampled point i at [i·dimensions, (i + 1)·dimensions): a row's distances read neighbouring memory, not points
    // scattered over the caller's whole buffer, and the caller's buffer need not outlive the constructor.
    private readonly Memory<float> _points;
    private readonly ScratchPool _scratch = new();

    /// <summary>
    /// Draws min(sampleSize, n) points with the seed and copies them (sample × dimensions floats, on the scorer's pages).
    /// Throws ArgumentException on non-finite values, a ragged buffer or sampleSize below 2.
    /// </summary>
    public SilhouetteScorer(ReadOnlySpan<float> points, int dimensions, int sampleSize, int seed)
    {
        int n = PointSet.Count(points, dimensions, nameof(points));
        if (sampleSize < 2)
            throw new ArgumentException($"Sample size {sampleSize} must be at least 2.", nameof(sampleSize));
        _pointCount = n;
        _dimensions = dimensions;
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

        _points = _scratch.Rent<float>(checked(s * dimensions));
        var copy = _points.Span;
        for (int i = 0; i < s; i++)
            points.Slice(_sample[i] * dimensions, dimensions).CopyTo(copy.Slice(i * dimensions, dimensions));
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
        var prepared = new SampledLabelling[1];
        try
        {
            prepared[0] = Prepare(labels, perLabel.Length);
            Pass(prepared);
            return prepared[0].Finish(perLabel);
        }
        finally
        {
            Release(prepared);
        }
    }

    /// <summary>
    /// Scores many labellings in one pass over the sample's distances: scores[k] receives TryScore(labellings[k]) and,
    /// when perLabel is not empty, perLabel[k] receives that labelling's per-label means as <see cref="ScoreByLabel"/>
    /// gives them (left untouched where the score is NaN); the results are the very doubles scoring each alone gives.
    /// Throws ArgumentException when scores (or a non-empty perLabel) is not one entry per labelling, or on any
    /// labelling's errors of TryScore, before any distance is computed.
    /// </summary>
    internal void TryScoreEach(ReadOnlySpan<ReadOnlyMemory<int>> labellings, Span<double> scores, ReadOnlySpan<Memory<double>> perLabel)
    {
        if (scores.Length != labellings.Length)
            throw new ArgumentException($"Expected {labellings.Length} score slots, got {scores.Length}.", nameof(scores));
        if (!perLabel.IsEmpty && perLabel.Length != labellings.Length)
            throw new ArgumentException($"Expected {labellings.Length} per-label buffers, got {perLabel.Length}.", nameof(perLabel));
        var prepared = new SampledLabelling[labellings.Length];
        try
        {
            for (int k = 0; k < labellings.Length; k++)
                prepared[k] = Prepare(labellings[k].Span, perLabel.IsEmpty ? 0 : perLabel[k].Length);
            Pass(prepared);
            for (int k = 0; k < labellings.Length; k++)
                scores[k] = prepared[k].Finish(perLabel.IsEmpty ? [] : perLabel[k].Span);
        }
        finally
        {
            Release(prepared);
        }
    }

    // Everything a labelling needs during the pass, built before it so the pass itself only reads distances and sums.
    // perLabelLength 0 means no per-label means are wanted.
    private SampledLabelling Prepare(ReadOnlySpan<int> labels, int perLabelLength)
    {
        if (labels.Length != _pointCount)
            throw new ArgumentException($"Expected {_pointCount} labels, got {labels.Length}.", nameof(labels));
        int s = _sample.Length;
        int clusterCount = 0;
        for (int i = 0; i < s; i++)
        {
            int label = labels[_sample[i]];
            if (label < 0)
                throw new ArgumentException($"Label {label} of point {_sample[i]} is negative.", nameof(labels));
            clusterCount = System.Math.Max(clusterCount, label + 1);
        }
        if (perLabelLength > 0 && perLabelLength < clusterCount)
            throw new ArgumentException($"The per-label buffer holds {perLabelLength} entries; the sample has label {clusterCount - 1}.",
                "perLabel");

        // Sample positions grouped by cluster: each cluster's distance sum becomes one gather-and-add run over a
        // contiguous index segment instead of a scattered add into a per-cluster slot for every pair.
        var starts = new int[clusterCount + 1];
        for (int i = 0; i < s; i++)
            starts[labels[_sample[i]] + 1]++;
        int present = 0;
        for (int c = 0; c < clusterCount; c++)
        {
            present += starts[c + 1] > 0 ? 1 : 0;
            starts[c + 1] += starts[c];
        }
        if (present < 2 || present > s - 1)
            return SampledLabelling.Undefined;

        var sampleLabels = _scratch.Rent<int>(s);
        var byCluster = _scratch.Rent<int>(s);
        var silhouettes = _scratch.Rent<double>(s);
        var next = starts[..^1];
        var labelSpan = sampleLabels.Span;
        var bySpan = byCluster.Span;
        for (int i = 0; i < s; i++)
        {
            int label = labels[_sample[i]];
            labelSpan[i] = label;
            bySpan[next[label]++] = i;
        }
        return new SampledLabelling(sampleLabels, starts, byCluster, silhouettes);
    }

    private void Release(SampledLabelling[] prepared)
    {
        foreach (var labelling in prepared)
        {
            if (labelling.IsUndefined)
                continue;
            _scratch.Return(labelling.SampleLabels);
            _scratch.Return(labelling.ByCluster);
            _scratch.Return(labelling.Silhouettes);
        }
    }

    // Every point's distance row is computed once and read by every labelling. Rows are independent; each part writes
    // its own silhouette slots and the sums run afterwards in sample order, so results do not depend on scheduling.
    // The parts run on the core team's own threads, not the thread pool's: a pass takes tenths of a second of CPU, and
    // in a service the pool's few threads are what requests are answered on.
    private void Pass(SampledLabelling[] prepared)
    {
        int s = _sample.Length;
        bool any = false;
        foreach (var labelling in prepared)
            any |= !labelling.IsUndefined;
        if (!any)
            return;
        int parts = System.Math.Min(s, 8 * CoreTeam.Size);
        var rows = _scratch.Rent<float>(parts * s);
        try
        {
            CoreTeam.Run(new RowPass(this, prepared, rows, parts), parts);
        }
        finally
        {
            _scratch.Return(rows);
        }
    }

    // One pass's parts: part p fills the rows [p·s/parts, (p + 1)·s/parts) in its own slice of the rows buffer.
    private sealed class RowPass(SilhouetteScorer scorer, SampledLabelling[] prepared, Memory<float> rows, int parts) : IPartitionedWork
    {
        public void RunPart(int part)
        {
            int s = scorer._sample.Length;
            var row = rows.Span.Slice(part * s, s);
            for (int i = (int)((long)part * s / parts); i < (int)((long)(part + 1) * s / parts); i++)
            {
                bool rowFilled = false;
                foreach (var labelling in prepared)
                {
                    if (labelling.IsUndefined)
                        continue;
                    if (labelling.OwnClusterSize(i) == 1)
                    {
                        labelling.Silhouettes.Span[i] = 0.0;
                        continue;
                    }
                    if (!rowFilled)
                    {
                        scorer.FillRow(i, row);
                        rowFilled = true;
                    }
                    labelling.Silhouettes.Span[i] = labelling.PointSilhouette(i, row);
                }
            }
        }
    }

    // Squares of differences summed in the same order make a distance symmetric to the bit; passing the pair's lower
    // sample index first anyway means row i holds for (i, j) the very call row j makes for (j, i), whatever the vector
    // path does with its arguments.
    private void FillRow(int i, Span<float> row)
    {
        int d = _dimensions;
        var points = _points.Span;
        var xi = points.Slice(i * d, d);
        for (int j = 0; j < i; j++)
            row[j] = TensorPrimitives.Distance(points.Slice(j * d, d), xi);
        row[i] = 0f;
        for (int j = i + 1; j < row.Length; j++)
            row[j] = TensorPrimitives.Distance(xi, points.Slice(j * d, d));
    }

    /// <summary>Unmaps the sampled points and the per-score buffers; the scorer must not be used afterwards.</summary>
    public void Dispose() => _scratch.Dispose();

    // One labelling restricted to the sample: its labels, the sample positions grouped by cluster (cluster c at
    // [Starts[c], Starts[c + 1]) of ByCluster), and a slot per point for the pass to fill. Undefined (no buffers) when
    // the sample holds fewer than 2 or more than sample − 1 of its labels.
    private readonly struct SampledLabelling(Memory<int> sampleLabels, int[] starts, Memory<int> byCluster, Memory<double> silhouettes)
    {
        public static SampledLabelling Undefined => default;

        public Memory<int> SampleLabels { get; } = sampleLabels;

        public int[] Starts { get; } = starts;

        public Memory<int> ByCluster { get; } = byCluster;

        public Memory<double> Silhouettes { get; } = silhouettes;

        public bool IsUndefined => Starts is null;

        public int OwnClusterSize(int i)
        {
            int own = SampleLabels.Span[i];
            return Starts[own + 1] - Starts[own];
        }

        public double PointSilhouette(int i, ReadOnlySpan<float> row)
        {
            int own = SampleLabels.Span[i];
            var byCluster = ByCluster.Span;
            double a = 0;
            double b = double.PositiveInfinity;
            for (int c = 0; c + 1 < Starts.Length; c++)
            {
                int size = Starts[c + 1] - Starts[c];
                if (size == 0)
                    continue;
                double sum = SparseKernels.GatherSum(byCluster.Slice(Starts[c], size), row);
                if (c == own)
                    a = sum / (size - 1);
                else
                    b = System.Math.Min(b, sum / size);
            }
            double denominator = System.Math.Max(a, b);
            return denominator > 0 ? (b - a) / denominator : 0.0;
        }

        // Overall and per-label sums run in sample order after the pass, so neither depends on how rows were scheduled.
        public double Finish(Span<double> perLabel)
        {
            if (IsUndefined)
                return double.NaN;
            var silhouettes = Silhouettes.Span;
            double total = 0;
            foreach (double silhouette in silhouettes)
                total += silhouette;
            if (!perLabel.IsEmpty)
            {
                var sampleLabels = SampleLabels.Span;
                perLabel.Clear();
                for (int i = 0; i < silhouettes.Length; i++)
                    perLabel[sampleLabels[i]] += silhouettes[i];
                for (int c = 0; c < perLabel.Length; c++)
                {
                    int size = c + 1 < Starts.Length ? Starts[c + 1] - Starts[c] : 0;
                    perLabel[c] = size > 0 ? perLabel[c] / size : double.NaN;
                }
            }
            return total / silhouettes.Length;
        }
    }
}
