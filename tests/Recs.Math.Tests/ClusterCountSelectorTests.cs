namespace Recs.Math.Tests;

public sealed class ClusterCountSelectorTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(7)]
    public void Picks_planted_count_on_well_separated_blobs(int planted)
    {
        var (points, truth) = Blobs.Generate(3000, 10, planted, spread: 0.5, separation: 10.0, seed: planted);
        var selection = ClusterCountSelector.Select(points, 10, new ClusterCountSelectorOptions { MinClusters = 2, MaxClusters = 10, SilhouetteSampleSize = 800 });
        Assert.True(selection.BestClusterCount == planted,
            $"picked {selection.BestClusterCount}, planted {planted}; scores: {string.Join(", ", selection.Scores.Select(s => $"{s.ClusterCount}:{s.Silhouette:F3}"))}");
        Assert.Equal(9, selection.Scores.Count);
        Assert.True(Blobs.Purity(selection.Best.Labels, truth) >= 0.95, "best clustering does not recover the planted clusters");
    }

    [Fact]
    public void Invalid_range_is_rejected()
    {
        var points = new float[20];
        Assert.Throws<ArgumentException>(() => ClusterCountSelector.Select(points, 2, new ClusterCountSelectorOptions { MinClusters = 1, MaxClusters = 3 }));
        Assert.Throws<ArgumentException>(() => ClusterCountSelector.Select(points, 2, new ClusterCountSelectorOptions { MinClusters = 2, MaxClusters = 10 }));
    }
}
