using Recs.Engine.Model;

namespace Recs.Tests.Engine;

public sealed class RankingChoiceTests
{
    [Fact]
    public void Item_neighbours_come_mostly_from_the_same_taste_group()
    {
        var (ids, sims) = ItemNeighbours.Build(SyntheticModel.Data, 10, ItemNeighbours.PackRaters(SyntheticModel.Data));
        int films = SyntheticModel.Data.FilmCount, same = 0, total = 0;
        for (int f = 0; f < films; f++)
        {
            for (int n = 0; n < 10; n++)
            {
                int g = ids[f * 10 + n];
                Assert.NotEqual(f, g);
                if (g < 0)
                    continue;
                if (n > 0)
                    Assert.True(sims[f * 10 + n] <= sims[f * 10 + n - 1]);
                total++;
                if (SyntheticModel.Data.Films[g].Slug.Split('-')[1] is var id && int.Parse(id, System.Globalization.CultureInfo.InvariantCulture) % 4 == int.Parse(SyntheticModel.Data.Films[f].Slug.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture) % 4)
                    same++;
            }
        }
        Assert.True(same > 0.8 * total, $"{same} of {total} neighbours share the group");
    }

    [Fact]
    public void Ranking_selection_returns_one_of_the_candidates()
    {
        var options = SyntheticModel.Options with { SelectRanking = true, DebiasCandidates = [0.0, 0.3], RankCandidates = [6, 10] };
        var (beta, rank) = RankingSelection.Choose(SyntheticModel.Data, options);
        Assert.Contains(beta, options.DebiasCandidates);
        Assert.Contains(rank, options.RankCandidates);
        var model = ModelTrainer.Train(SyntheticModel.Data, options, DateTimeOffset.UnixEpoch);
        Assert.Equal(rank, model.RankingRank);
    }

    [Fact]
    public void Ranking_selection_samples_users_only_past_its_budget_and_then_keeps_about_that_many_ratings()
    {
        var data = SyntheticModel.Data;
        var options = SyntheticModel.Options with { SelectRanking = true, DebiasCandidates = [0.0, 0.3, 0.6], RankCandidates = [4, 10] };
        // At the budget nothing is sampled: the same users, the same random draws, the same choice as without a budget.
        Assert.Equal(RankingSelection.Choose(data, options with { SelectionRatings = int.MaxValue }),
            RankingSelection.Choose(data, options with { SelectionRatings = data.RatingCount }));
        var sampled = RankingSelection.Choose(data, options with { SelectionRatings = data.RatingCount / 3 });
        Assert.Contains(sampled.Beta, options.DebiasCandidates);
        Assert.Contains(sampled.Rank, options.RankCandidates);

        Assert.Equal(1, RankingSelection.SampleStride(1_040_000, 2_000_000));
        Assert.Equal(1, RankingSelection.SampleStride(2_000_000, 2_000_000));
        foreach (int ratings in new[] { 2_000_001, 9_933_288, 40_000_000, int.MaxValue })
        {
            int stride = RankingSelection.SampleStride(ratings, 2_000_000);
            double kept = (double)ratings / stride;
            Assert.True(kept <= 2_000_000 && kept > 1_000_000, $"{ratings} ratings: every {stride}th user keeps ≈ {kept:0} ratings");
        }
    }
}
