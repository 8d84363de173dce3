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
}
