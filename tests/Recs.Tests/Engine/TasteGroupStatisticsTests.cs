using Recs.Engine.Model;

namespace Recs.Tests.Engine;

public sealed class TasteGroupStatisticsTests
{
    [Fact]
    public void Every_groups_film_figures_equal_a_recount_of_its_members_ratings()
    {
        var data = SyntheticModel.Data;
        var groups = SyntheticModel.Model.Groups!;
        Assert.Equal(data.UserCount, groups.Sizes.Sum());
        // Recount from the ratings by group label, one dictionary per group, with stars read as floats.
        var raters = new Dictionary<(int Group, int Film), (int Count, double Stars, int High)>();
        var highTotals = new int[groups.GroupCount];
        for (int u = 0; u < data.UserCount; u++)
        {
            int g = groups.Labels[u];
            var films = data.FilmsOf(u);
            var stars = data.StarsOf(u);
            for (int i = 0; i < films.Length; i++)
            {
                var (count, sum, high) = raters.GetValueOrDefault((g, films[i]));
                bool liked = stars[i] >= 4f;
                raters[(g, films[i])] = (count + 1, sum + stars[i], high + (liked ? 1 : 0));
                highTotals[g] += liked ? 1 : 0;
            }
        }
        Assert.Equal(highTotals, groups.HighTotals);
        var filmHighs = new int[data.FilmCount];
        foreach (var ((_, film), (_, _, high)) in raters)
            filmHighs[film] += high;
        Assert.Equal(filmHighs, groups.FilmHighCounts);
        for (int g = 0; g < groups.GroupCount; g++)
        {
            for (int f = 0; f < data.FilmCount; f++)
            {
                var expected = raters.GetValueOrDefault((g, f));
                bool kept = groups.TryGetSupport(g, f, out int count, out float mean);
                Assert.True(kept == expected.Count >= TasteGroups.MinRaters, $"group {g}, film {f}: kept {kept} with {expected.Count} raters");
                if (!kept)
                    continue;
                Assert.True(count == expected.Count && count <= groups.Sizes[g], $"group {g}, film {f}: {count} raters, recount {expected.Count}, size {groups.Sizes[g]}");
                Assert.Equal(expected.Stars / expected.Count, mean, 5);
            }
        }
    }

    [Fact]
    public void A_persons_group_lies_inside_their_cluster_and_trained_users_fold_back_into_their_own_group_mostly()
    {
        var data = SyntheticModel.Data;
        var model = SyntheticModel.Model;
        var groups = model.Groups!;
        int same = 0;
        var direction = new float[model.TasteRank];
        for (int u = 0; u < data.UserCount; u++)
        {
            FoldIn.TasteDirection(model, data.FilmsOf(u), data.StarsOf(u), direction);
            int cluster = FoldIn.Cluster(model, direction), group = FoldIn.Group(model, direction);
            Assert.Equal(cluster, groups.ClusterOf[group]);
            same += group == groups.Labels[u] ? 1 : 0;
        }
        // Fold-in reproduces the training rows up to float rounding, so nearly everyone lands in their trained group.
        Assert.True(same >= 0.95 * data.UserCount, $"only {same} of {data.UserCount} trained users fold into their own group");
    }
}
