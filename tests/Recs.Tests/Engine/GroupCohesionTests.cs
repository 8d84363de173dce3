using Recs.Engine.Evaluation;

namespace Recs.Tests.Engine;

public sealed class GroupCohesionTests
{
    [Theory]
    [InlineData(new int[0], new int[0], 0.0)]
    [InlineData(new[] { 1, 2, 3 }, new[] { 1, 2, 3 }, 1.0)]
    [InlineData(new[] { 1, 2, 3 }, new[] { 4, 5 }, 0.0)]
    [InlineData(new[] { 1, 3, 5, 7 }, new[] { 3, 4, 5 }, 2.0 / 5)]
    public void Jaccard_is_the_shared_films_over_all_films_of_either(int[] a, int[] b, double expected)
    {
        Assert.Equal(expected, GroupCohesion.Jaccard(a, b), 12);
        Assert.Equal(expected, GroupCohesion.Jaccard(b, a), 12);
    }

    [Fact]
    public void On_planted_tastes_group_members_are_more_alike_than_random_pairs_by_both_measures()
    {
        var report = GroupCohesion.Measure(SyntheticModel.Model, SyntheticModel.Data, pairs: 4000, seed: 5);
        Assert.Equal(SyntheticModel.Model.Groups!.GroupCount, report.Groups);
        Assert.Equal(4000, report.WithinGroup.Pairs);
        Assert.True(report.WithinGroup.MeanCosine > report.Random.MeanCosine + 0.2,
            $"within-group cosine {report.WithinGroup.MeanCosine:F3} vs random {report.Random.MeanCosine:F3}");
        Assert.True(report.WithinGroup.MeanJaccard > report.Random.MeanJaccard,
            $"within-group Jaccard {report.WithinGroup.MeanJaccard:F3} vs random {report.Random.MeanJaccard:F3}");
        Assert.True(report.WithinGroup.MeanCosine >= report.WithinCluster.MeanCosine - 0.01,
            $"groups {report.WithinGroup.MeanCosine:F3} should be at least as tight as clusters {report.WithinCluster.MeanCosine:F3}");
    }
}
