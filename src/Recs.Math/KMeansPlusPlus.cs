using System.Numerics.Tensors;

namespace Recs.Math;

/// <summary>Greedy k-means++ seeding (Arthur and Vassilvitskii, with 2 + ln k candidate trials per centre).</summary>
internal static class KMeansPlusPlus
{
    /// <summary>Chooses k centres among the listed points and writes them row-major into <paramref name="centroids"/>.</summary>
    public static void Seed(ReadOnlySpan<float> points, int dimensions, ReadOnlySpan<int> candidates, int k, Random random, Span<float> centroids,
        ScratchPool scratch)
    {
        int m = candidates.Length;
        int trials = 2 + (int)System.Math.Log(k);
        var closestBuffer = scratch.Rent<double>(m);
        var trialBuffer = scratch.Rent<double>(m);
        var bestTrialBuffer = scratch.Rent<double>(m);
        try
        {
            var closest = closestBuffer.Span;
            var trial = trialBuffer.Span;
            var bestTrial = bestTrialBuffer.Span;
            int first = candidates[random.Next(m)];
            Row(points, dimensions, first).CopyTo(centroids[..dimensions]);
            double potential = 0;
            for (int i = 0; i < m; i++)
            {
                closest[i] = SquaredDistance(Row(points, dimensions, candidates[i]), centroids[..dimensions]);
                potential += closest[i];
            }

            for (int c = 1; c < k; c++)
            {
                int chosen = -1;
                double chosenPotential = double.PositiveInfinity;
                for (int t = 0; t < trials; t++)
                {
                    int candidate = potential > 0 ? SampleProportional(closest, potential, random) : random.Next(m);
                    var row = Row(points, dimensions, candidates[candidate]);
                    double newPotential = 0;
                    for (int i = 0; i < m; i++)
                    {
                        double d = System.Math.Min(closest[i], SquaredDistance(Row(points, dimensions, candidates[i]), row));
                        trial[i] = d;
                        newPotential += d;
                    }
                    if (newPotential < chosenPotential)
                    {
                        chosenPotential = newPotential;
                        chosen = candidate;
                        trial.CopyTo(bestTrial);
                    }
                }
                Row(points, dimensions, candidates[chosen]).CopyTo(centroids.Slice(c * dimensions, dimensions));
                bestTrial.CopyTo(closest);
                potential = chosenPotential;
            }
        }
        finally
        {
            scratch.Return(closestBuffer);
            scratch.Return(trialBuffer);
            scratch.Return(bestTrialBuffer);
        }
    }

    internal static int SampleProportional(ReadOnlySpan<double> weights, double total, Random random)
    {
        double target = random.NextDouble() * total;
        double cumulative = 0;
        int lastPositive = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            if (weights[i] <= 0)
                continue;
            cumulative += weights[i];
            lastPositive = i;
            if (cumulative > target)
                return i;
        }
        return lastPositive;
    }

    // Seeding only ranks candidates, so float SIMD distances are accurate enough and several times faster.
    private static double SquaredDistance(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        double d = TensorPrimitives.Distance(x, y);
        return d * d;
    }

    private static ReadOnlySpan<float> Row(ReadOnlySpan<float> points, int dimensions, int index) => points.Slice(index * dimensions, dimensions);
}
