using System.Numerics.Tensors;

namespace Recs.Math;

/// <summary>
/// Mini-batch k-means (Sculley 2010) with k-means++ seeding, per-centre 1/count learning rates, reassignment of
/// starved centres, early stopping, a short full-data refinement and an exact final assignment.
/// </summary>
public static class MiniBatchKMeans
{
    /// <summary>
    /// Clusters the row-major points (n×<paramref name="dimensions"/>) into options.ClusterCount groups. Throws
    /// ArgumentException on non-finite values, a ragged buffer, ClusterCount outside [1, n] or non-positive batch size.
    /// With ClusterCount == n every point is its own centre and the inertia is exactly 0. Scratch buffers (a few floats
    /// per point) are rented from <paramref name="scratch"/> and returned to it; without a pool the call maps its own.
    /// </summary>
    public static KMeansResult Fit(ReadOnlySpan<float> points, int dimensions, MiniBatchKMeansOptions options, ScratchPool? scratch = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        int n = PointSet.Count(points, dimensions, nameof(points));
        int k = options.ClusterCount;
        if (k <= 0 || k > n)
            throw new ArgumentException($"ClusterCount {k} must be between 1 and the number of points ({n}).", nameof(options));
        if (options.BatchSize <= 0)
            throw new ArgumentException($"BatchSize {options.BatchSize} must be positive.", nameof(options));
        if (options.MaxIterations < 0 || options.RefinementSteps < 0 || options.MaxNoImprovement < 0 || options.Tolerance < 0)
            throw new ArgumentException("MaxIterations, RefinementSteps, MaxNoImprovement and Tolerance must not be negative.", nameof(options));

        if (k == n)
        {
            var labels = new int[n];
            for (int i = 0; i < n; i++)
                labels[i] = i;
            return new KMeansResult(k, dimensions, points.ToArray(), labels, 0.0, 0);
        }

        using var owned = scratch is null ? new ScratchPool() : null;
        scratch ??= owned!;
        var random = new Random(options.Seed);
        var centroids = new float[k * dimensions];
        var pointNorms = scratch.Rent<float>(n);
        var initSample = scratch.Rent<int>(n);
        try
        {
            NearestCentroid.SquaredNorms(points, dimensions, pointNorms.Span);
            int initSize = options.InitSampleSize > 0 ? options.InitSampleSize : System.Math.Max(3 * options.BatchSize, 10 * k);
            initSize = System.Math.Clamp(initSize, k, n);
            SampleWithoutReplacement(n, initSize, random, initSample.Span);
            KMeansPlusPlus.Seed(points, dimensions, initSample.Span[..initSize], k, random, centroids, scratch);

            int iterations = RunBatches(points, dimensions, n, options, random, centroids, pointNorms.Span, scratch);
            var result = new int[n];
            for (int step = 0; step < options.RefinementSteps; step++)
            {
                AssignAll(points, dimensions, centroids, pointNorms.Span, result);
                RecomputeMeans(points, dimensions, result, centroids, scratch);
            }
            double inertia = AssignAll(points, dimensions, centroids, pointNorms.Span, result);
            return new KMeansResult(k, dimensions, centroids, result, inertia, iterations);
        }
        finally
        {
            scratch.Return(pointNorms);
            scratch.Return(initSample);
        }
    }

    private static int RunBatches(ReadOnlySpan<float> points, int dimensions, int n, MiniBatchKMeansOptions options, Random random,
        Span<float> centroids, ReadOnlySpan<float> pointNorms, ScratchPool scratch)
    {
        int k = centroids.Length / dimensions;
        int batch = System.Math.Min(options.BatchSize, n);
        using var buffers = new BatchBuffers(batch, k, dimensions, scratch);
        var counts = buffers.Counts;
        double toleranceAbsolute = options.Tolerance * MeanVariance(points, dimensions, n);
        // Smoothing weight as in scikit-learn: about two batches per pass over the data.
        double alpha = System.Math.Min(1.0, 2.0 * batch / (n + 1.0));
        double smoothed = double.NaN;
        double bestSmoothed = double.PositiveInfinity;
        int sinceImprovement = 0;

        int iteration = 0;
        while (iteration < options.MaxIterations)
        {
            iteration++;
            NearestCentroid.SquaredNorms(centroids, dimensions, buffers.CentroidNorms);
            centroids.CopyTo(buffers.Previous);
            double batchInertia = 0;
            for (int b = 0; b < batch; b++)
            {
                int index = random.Next(n);
                buffers.Indices[b] = index;
                buffers.Labels[b] = NearestCentroid.Find(points.Slice(index * dimensions, dimensions), pointNorms[index], centroids,
                    buffers.CentroidNorms, dimensions, out float distance);
                buffers.Distances[b] = distance;
                batchInertia += distance;
            }
            batchInertia /= batch;

            for (int b = 0; b < batch; b++)
            {
                int c = buffers.Labels[b];
                counts[c]++;
                // c ← c + (x − c)/count leaves a centre sitting exactly on its points untouched.
                var centre = centroids.Slice(c * dimensions, dimensions);
                var x = points.Slice(buffers.Indices[b] * dimensions, dimensions);
                float eta = 1f / counts[c];
                TensorPrimitives.Subtract(x, centre, buffers.Delta);
                TensorPrimitives.MultiplyAdd(buffers.Delta, eta, centre, centre);
            }

            if (options.ReassignmentRatio > 0 && iteration % 10 == 0)
                ReassignStarved(points, dimensions, options.ReassignmentRatio, random, centroids, buffers, batch);

            double movement = 0;
            for (int c = 0; c < k; c++)
            {
                float d = TensorPrimitives.Distance(centroids.Slice(c * dimensions, dimensions), buffers.Previous.Slice(c * dimensions, dimensions));
                movement += (double)d * d;
            }
            if (toleranceAbsolute > 0 && movement <= toleranceAbsolute)
                break;

            smoothed = double.IsNaN(smoothed) ? batchInertia : smoothed * (1 - alpha) + batchInertia * alpha;
            if (smoothed < bestSmoothed)
            {
                bestSmoothed = smoothed;
                sinceImprovement = 0;
            }
            else if (options.MaxNoImprovement > 0 && ++sinceImprovement >= options.MaxNoImprovement)
            {
                break;
            }
        }
        return iteration;
    }

    // Starved centres (few hits so far) jump to batch points drawn with probability ∝ squared distance, i.e. to
    // regions the current centres cover badly.
    private static void ReassignStarved(ReadOnlySpan<float> points, int dimensions, double ratio, Random random, Span<float> centroids,
        BatchBuffers buffers, int batch)
    {
        var counts = buffers.Counts;
        long max = 0;
        for (int c = 0; c < counts.Length; c++)
            max = System.Math.Max(max, counts[c]);
        long keptMinimum = long.MaxValue;
        int starved = 0;
        for (int c = 0; c < counts.Length; c++)
        {
            if (counts[c] < ratio * max)
                starved++;
            else
                keptMinimum = System.Math.Min(keptMinimum, counts[c]);
        }
        if (starved == 0 || keptMinimum == long.MaxValue)
            return;

        double total = 0;
        for (int b = 0; b < batch; b++)
            total += buffers.Distances[b];
        if (total <= 0)
            return;
        var weights = buffers.Weights;
        for (int b = 0; b < batch; b++)
            weights[b] = buffers.Distances[b];
        int moved = 0;
        for (int c = 0; c < counts.Length && moved < batch / 2 && total > 0; c++)
        {
            if (counts[c] >= ratio * max)
                continue;
            int pick = KMeansPlusPlus.SampleProportional(weights[..batch], total, random);
            points.Slice(buffers.Indices[pick] * dimensions, dimensions).CopyTo(centroids.Slice(c * dimensions, dimensions));
            counts[c] = keptMinimum;
            total -= weights[pick];
            weights[pick] = 0;
            moved++;
        }
    }

    private static double AssignAll(ReadOnlySpan<float> points, int dimensions, ReadOnlySpan<float> centroids, ReadOnlySpan<float> pointNorms,
        Span<int> labels)
    {
        int k = centroids.Length / dimensions;
        Span<float> centroidNorms = k <= 512 ? stackalloc float[k] : new float[k];
        NearestCentroid.SquaredNorms(centroids, dimensions, centroidNorms);
        double inertia = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            var x = points.Slice(i * dimensions, dimensions);
            int c = NearestCentroid.Find(x, pointNorms[i], centroids, centroidNorms, dimensions, out _);
            labels[i] = c;
            inertia += NearestCentroid.ExactSquaredDistance(x, centroids.Slice(c * dimensions, dimensions));
        }
        return inertia;
    }

    // One Lloyd update in double; a centre that lost all its points keeps its position.
    private static void RecomputeMeans(ReadOnlySpan<float> points, int dimensions, ReadOnlySpan<int> labels, Span<float> centroids,
        ScratchPool scratch)
    {
        int k = centroids.Length / dimensions;
        var sumsBuffer = scratch.Rent<double>(k * dimensions);
        var sizesBuffer = scratch.Rent<int>(k);
        try
        {
            var sums = sumsBuffer.Span;
            var sizes = sizesBuffer.Span;
            sums.Clear();
            sizes.Clear();
            for (int i = 0; i < labels.Length; i++)
            {
                int c = labels[i];
                sizes[c]++;
                var x = points.Slice(i * dimensions, dimensions);
                for (int j = 0; j < dimensions; j++)
                    sums[c * dimensions + j] += x[j];
            }
            for (int c = 0; c < k; c++)
            {
                if (sizes[c] == 0)
                    continue;
                for (int j = 0; j < dimensions; j++)
                    centroids[c * dimensions + j] = (float)(sums[c * dimensions + j] / sizes[c]);
            }
        }
        finally
        {
            scratch.Return(sumsBuffer);
            scratch.Return(sizesBuffer);
        }
    }

    private static double MeanVariance(ReadOnlySpan<float> points, int dimensions, int n)
    {
        double total = 0;
        for (int j = 0; j < dimensions; j++)
        {
            double mean = 0;
            for (int i = 0; i < n; i++)
                mean += points[i * dimensions + j];
            mean /= n;
            double variance = 0;
            for (int i = 0; i < n; i++)
            {
                double diff = points[i * dimensions + j] - mean;
                variance += diff * diff;
            }
            total += variance / n;
        }
        return total / dimensions;
    }

    internal static void SampleWithoutReplacement(int n, int count, Random random, Span<int> destination)
    {
        // Partial Fisher–Yates over an identity permutation held in the destination buffer.
        var all = destination[..n];
        for (int i = 0; i < n; i++)
            all[i] = i;
        for (int i = 0; i < count; i++)
        {
            int j = random.Next(i, n);
            (all[i], all[j]) = (all[j], all[i]);
        }
    }

    private sealed class BatchBuffers : IDisposable
    {
        private readonly Memory<int> _indices;
        private readonly Memory<int> _labels;
        private readonly Memory<float> _distances;
        private readonly Memory<double> _weights;
        private readonly Memory<float> _previous;
        private readonly Memory<float> _centroidNorms;
        private readonly Memory<float> _delta;
        private readonly Memory<long> _counts;
        private readonly ScratchPool _scratch;

        public BatchBuffers(int batch, int k, int dimensions, ScratchPool scratch)
        {
            _scratch = scratch;
            _indices = scratch.Rent<int>(batch);
            _labels = scratch.Rent<int>(batch);
            _distances = scratch.Rent<float>(batch);
            _weights = scratch.Rent<double>(batch);
            _previous = scratch.Rent<float>(k * dimensions);
            _centroidNorms = scratch.Rent<float>(k);
            _delta = scratch.Rent<float>(dimensions);
            _counts = scratch.Rent<long>(k);
            _counts.Span.Clear();
        }

        public Span<int> Indices => _indices.Span;
        public Span<int> Labels => _labels.Span;
        public Span<float> Distances => _distances.Span;
        public Span<double> Weights => _weights.Span;
        public Span<float> Previous => _previous.Span;
        public Span<float> CentroidNorms => _centroidNorms.Span;
        public Span<float> Delta => _delta.Span;
        public Span<long> Counts => _counts.Span;

        public void Dispose()
        {
            _scratch.Return(_indices);
            _scratch.Return(_labels);
            _scratch.Return(_distances);
            _scratch.Return(_weights);
            _scratch.Return(_previous);
            _scratch.Return(_centroidNorms);
            _scratch.Return(_delta);
            _scratch.Return(_counts);
        }
    }
}
