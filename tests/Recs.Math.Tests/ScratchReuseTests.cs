namespace Recs.Math.Tests;

/// <summary>
/// The training algorithms borrow their work buffers from the caller's <see cref="ScratchPool"/>: they give them all
/// back, a second run takes no new ones, and buffers left dirty by an earlier run never change a result.
/// </summary>
[Collection(AllocationMeasurements.Name)]
public sealed class ScratchReuseTests
{
    [Fact]
    public void Lanczos_borrows_its_bases_from_the_callers_pool_and_reuses_them_with_identical_results()
    {
        const int rows = 400, cols = 300, rank = 16;
        var (r, c, v) = TestMatrices.RandomTriples(rows, cols, 0.5, new Random(4));
        var a = CsrMatrix.FromTriples(r, c, v, rows, cols);
        var options = new LanczosSvdOptions { Rank = rank, Seed = 77 };
        var pool = new ScratchPool();

        var first = LanczosSvd.Compute(a, options, pool);
        long retained = pool.RetainedBytes;
        int d = rank + 16;
        long bases = sizeof(float) * ((d + 1L) * cols + (long)d * rows + (d + 1L) * rows);
        Assert.True(retained >= bases, $"the pool holds {retained} bytes after the run, less than the {bases} bytes of its bases");

        // A different problem in between leaves the buffers dirty for the next run.
        LanczosSvd.Compute(a, options with { Rank = 5, Seed = 1 }, pool);
        long dirty = pool.RetainedBytes;
        long before = GC.GetAllocatedBytesForCurrentThread();
        var second = LanczosSvd.Compute(a, options, pool);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var fresh = LanczosSvd.Compute(a, options);

        Assert.Equal(dirty, pool.RetainedBytes);
        long factors = sizeof(float) * ((long)(rows + cols) * rank + rank);
        Assert.True(allocated < factors + 16 * 1024,
            $"a run with a warm pool allocated {allocated} bytes; its factors take {factors}");
        Assert.Equal(first.SingularValues, second.SingularValues);
        Assert.Equal(first.U, second.U);
        Assert.Equal(first.V, second.V);
        Assert.Equal(fresh.U, second.U);
        Assert.Equal(fresh.V, second.V);
    }

    [Fact]
    public void Mini_batch_kmeans_reuses_the_callers_buffers_with_identical_results()
    {
        var (points, _) = Blobs.Generate(3000, 8, 6, 2.0, 5.0, 4);
        var options = new MiniBatchKMeansOptions { ClusterCount = 6, Seed = 123 };
        var pool = new ScratchPool();

        var first = MiniBatchKMeans.Fit(points, 8, options, pool);
        long retained = pool.RetainedBytes;
        Assert.True(retained >= 3000 * (sizeof(float) + sizeof(int)), $"the pool holds only {retained} bytes after a fit of 3,000 points");
        MiniBatchKMeans.Fit(points, 8, options with { ClusterCount = 3, Seed = 9 }, pool);
        var second = MiniBatchKMeans.Fit(points, 8, options, pool);
        var fresh = MiniBatchKMeans.Fit(points, 8, options);

        Assert.Equal(retained, pool.RetainedBytes);
        Assert.Equal(first.Centroids, second.Centroids);
        Assert.Equal(first.Labels, second.Labels);
        Assert.Equal(fresh.Centroids, second.Centroids);
        Assert.Equal(fresh.Inertia, second.Inertia);
    }

    [Fact]
    public void A_cluster_count_scan_sharing_one_pool_across_threads_chooses_as_without_it()
    {
        var (points, _) = Blobs.Generate(1500, 6, 5, 1.0, 8.0, 12);
        var options = new ClusterCountSelectorOptions { MinClusters = 2, MaxClusters = 9, SilhouetteSampleSize = 400 };
        var pool = new ScratchPool();

        var shared = ClusterCountSelector.Select(points, 6, options, pool);
        var again = ClusterCountSelector.Select(points, 6, options, pool);
        var alone = ClusterCountSelector.Select(points, 6, options);

        Assert.True(pool.RetainedBytes > 0, "the scan returned nothing to the pool it was given");
        foreach (var selection in new[] { again, alone })
        {
            Assert.Equal(shared.BestClusterCount, selection.BestClusterCount);
            Assert.Equal(shared.Best.Labels, selection.Best.Labels);
            Assert.Equal(shared.Scores.Select(score => score.Silhouette), selection.Scores.Select(score => score.Silhouette));
        }
    }

    [Fact]
    public void Scoring_more_labellings_reuses_the_scorers_buffers()
    {
        var (points, truth) = Blobs.Generate(3000, 5, 4, 1.0, 6.0, 2);
        var scorer = new SilhouetteScorer(points, 5, sampleSize: 2000, seed: 1);
        double first = scorer.Score(truth);

        long before = GC.GetAllocatedBytesForCurrentThread();
        double second = scorer.Score(truth);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(first, second);
        // Fresh buffers would be 2,000 ints twice and 2,000 doubles: 32 KB.
        Assert.True(allocated < 8 * 1024, $"a second score allocated {allocated} bytes");
    }
}
