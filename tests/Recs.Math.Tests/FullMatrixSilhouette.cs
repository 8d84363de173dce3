using System.Numerics.Tensors;

namespace Recs.Math.Tests;

/// <summary>
/// The sampled silhouette as it was computed with the whole sample² distance matrix: both halves filled from one
/// distance per pair, each point's cluster sums gathered from its own row in cluster order, means in double. Used to pin
/// that a scorer storing less gives the very same doubles.
/// </summary>
public static class FullMatrixSilhouette
{
    public static double Score(float[] points, int dimensions, IReadOnlyList<int> sample, int[] labels)
    {
        int s = sample.Count;
        var distances = new float[s * s];
        for (int i = 0; i < s; i++)
        {
            for (int j = i + 1; j < s; j++)
            {
                float d = TensorPrimitives.Distance(
                    points.AsSpan(sample[i] * dimensions, dimensions), points.AsSpan(sample[j] * dimensions, dimensions));
                distances[i * s + j] = d;
                distances[j * s + i] = d;
            }
        }
        var sampleLabels = sample.Select(p => labels[p]).ToArray();
        int clusters = sampleLabels.Max() + 1;
        var members = Enumerable.Range(0, clusters).Select(c => Enumerable.Range(0, s).Where(i => sampleLabels[i] == c).ToArray()).ToArray();
        double total = 0;
        for (int i = 0; i < s; i++)
        {
            int own = sampleLabels[i];
            if (members[own].Length == 1)
                continue;
            double a = 0, b = double.PositiveInfinity;
            for (int c = 0; c < clusters; c++)
            {
                if (members[c].Length == 0)
                    continue;
                double sum = SparseKernels.GatherSum(members[c], distances.AsSpan(i * s, s));
                if (c == own)
                    a = sum / (members[c].Length - 1);
                else
                    b = System.Math.Min(b, sum / members[c].Length);
            }
            double denominator = System.Math.Max(a, b);
            total += denominator > 0 ? (b - a) / denominator : 0.0;
        }
        return total / s;
    }
}
