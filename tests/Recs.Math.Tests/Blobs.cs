namespace Recs.Math.Tests;

/// <summary>Seeded isotropic Gaussian blobs with known membership.</summary>
public static class Blobs
{
    public static (float[] Points, int[] Truth) Generate(int n, int d, int k, double spread, double separation, int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, k * d).Select(_ => (random.NextDouble() * 2 - 1) * separation).ToArray();
        var points = new float[n * d];
        var truth = new int[n];
        for (int i = 0; i < n; i++)
        {
            int c = i % k;
            truth[i] = c;
            for (int j = 0; j < d; j++)
                points[i * d + j] = (float)(centres[c * d + j] + spread * TestMatrices.Gaussian(random));
        }
        return (points, truth);
    }

    /// <summary>Fraction of points whose cluster's majority true label equals their own.</summary>
    public static double Purity(int[] labels, int[] truth)
    {
        return labels.Zip(truth).GroupBy(p => p.First)
            .Sum(g => g.GroupBy(p => p.Second).Max(h => h.Count())) / (double)labels.Length;
    }
}
