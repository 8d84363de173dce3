namespace Recs.Math.Tests;

public sealed class MiniBatchKMeansTests
{
    [Theory]
    [InlineData(3000, 8, 5, 1)]
    [InlineData(5000, 16, 12, 2)]
    public void Inertia_is_within_one_percent_of_best_lloyd_and_recovers_planted_clusters(int n, int d, int k, int seed)
    {
        var (points, truth) = Blobs.Generate(n, d, k, spread: 1.0, separation: 10.0, seed);
        var result = MiniBatchKMeans.Fit(points, d, new MiniBatchKMeansOptions { ClusterCount = k, BatchSize = 256, Seed = seed });
        double reference = LloydKMeans.BestInertia(points, d, k, restarts: 10, seed);
        Assert.True(result.Inertia <= 1.01 * reference, $"mini-batch inertia {result.Inertia:F1} is more than 1% above Lloyd's best {reference:F1}");
        double purity = Blobs.Purity(result.Labels, truth);
        Assert.True(purity >= 0.95, $"purity {purity:F3} below 0.95: planted clusters not recovered");
    }

    [Fact]
    public void Inertia_equals_sum_of_squared_distances_to_assigned_centroids()
    {
        var (points, _) = Blobs.Generate(500, 4, 3, 1.0, 5.0, 3);
        var result = MiniBatchKMeans.Fit(points, 4, new MiniBatchKMeansOptions { ClusterCount = 3 });
        double expected = 0;
        for (int i = 0; i < 500; i++)
            for (int j = 0; j < 4; j++)
            {
                double diff = points[i * 4 + j] - result.Centroids[result.Labels[i] * 4 + j];
                expected += diff * diff;
            }
        Assert.Equal(expected, result.Inertia, 6);
    }

    [Fact]
    public void Same_seed_gives_identical_clustering()
    {
        var (points, _) = Blobs.Generate(2000, 8, 6, 2.0, 5.0, 4);
        var options = new MiniBatchKMeansOptions { ClusterCount = 6, Seed = 123 };
        var first = MiniBatchKMeans.Fit(points, 8, options);
        var second = MiniBatchKMeans.Fit(points, 8, options);
        Assert.Equal(first.Centroids, second.Centroids);
        Assert.Equal(first.Labels, second.Labels);
        Assert.Equal(first.Inertia, second.Inertia);
    }

    [Fact]
    public void As_many_clusters_as_points_gives_zero_inertia()
    {
        var (points, _) = Blobs.Generate(20, 3, 2, 1.0, 5.0, 5);
        var result = MiniBatchKMeans.Fit(points, 3, new MiniBatchKMeansOptions { ClusterCount = 20 });
        Assert.Equal(0.0, result.Inertia);
        Assert.Equal(20, result.Labels.Distinct().Count());
    }

    [Fact]
    public void Duplicate_points_are_clustered_without_error()
    {
        var points = Enumerable.Repeat(new[] { 1f, 2f }, 50).SelectMany(p => p).Concat(Enumerable.Repeat(new[] { 9f, 9f }, 50).SelectMany(p => p)).ToArray();
        var result = MiniBatchKMeans.Fit(points, 2, new MiniBatchKMeansOptions { ClusterCount = 3, BatchSize = 16 });
        Assert.Equal(0.0, result.Inertia, 9);
    }

    [Fact]
    public void More_clusters_than_points_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => MiniBatchKMeans.Fit(new float[10], 2, new MiniBatchKMeansOptions { ClusterCount = 6 }));
        Assert.Contains("ClusterCount 6", error.Message);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Non_finite_points_are_rejected(float bad)
    {
        var points = new float[] { 0, 0, 1, 1, bad, 2 };
        var error = Assert.Throws<ArgumentException>(() => MiniBatchKMeans.Fit(points, 2, new MiniBatchKMeansOptions { ClusterCount = 2 }));
        Assert.Contains("finite", error.Message);
    }

    [Fact]
    public void Bad_shapes_and_counts_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => MiniBatchKMeans.Fit(new float[5], 2, new MiniBatchKMeansOptions { ClusterCount = 1 }));
        Assert.Throws<ArgumentException>(() => MiniBatchKMeans.Fit([], 2, new MiniBatchKMeansOptions { ClusterCount = 1 }));
        Assert.Throws<ArgumentException>(() => MiniBatchKMeans.Fit(new float[4], 2, new MiniBatchKMeansOptions { ClusterCount = 0 }));
    }
}
