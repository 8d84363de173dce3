namespace Recs.Math.Tests;

/// <summary>Plain Lloyd k-means in double with random distinct-point initialisation, used as a reference.</summary>
public static class LloydKMeans
{
    public static double BestInertia(float[] points, int d, int k, int restarts, int seed)
    {
        int n = points.Length / d;
        var random = new Random(seed);
        double best = double.PositiveInfinity;
        for (int run = 0; run < restarts; run++)
        {
            var centres = Enumerable.Range(0, n).OrderBy(_ => random.Next()).Take(k)
                .SelectMany(i => points.Skip(i * d).Take(d).Select(x => (double)x)).ToArray();
            var labels = new int[n];
            double inertia = 0;
            for (int iteration = 0; iteration < 100; iteration++)
            {
                inertia = 0;
                bool changed = false;
                for (int i = 0; i < n; i++)
                {
                    int arg = 0;
                    double min = double.PositiveInfinity;
                    for (int c = 0; c < k; c++)
                    {
                        double dist = 0;
                        for (int j = 0; j < d; j++)
                        {
                            double diff = points[i * d + j] - centres[c * d + j];
                            dist += diff * diff;
                        }
                        if (dist < min)
                        {
                            min = dist;
                            arg = c;
                        }
                    }
                    changed |= labels[i] != arg;
                    labels[i] = arg;
                    inertia += min;
                }
                if (!changed && iteration > 0)
                    break;
                var sums = new double[k * d];
                var counts = new int[k];
                for (int i = 0; i < n; i++)
                {
                    counts[labels[i]]++;
                    for (int j = 0; j < d; j++)
                        sums[labels[i] * d + j] += points[i * d + j];
                }
                for (int c = 0; c < k; c++)
                    if (counts[c] > 0)
                        for (int j = 0; j < d; j++)
                            centres[c * d + j] = sums[c * d + j] / counts[c];
            }
            best = System.Math.Min(best, inertia);
        }
        return best;
    }
}
