using Recs.Engine.Model;

namespace Recs.Tests.Engine;

/// <summary>A retrain on about the same ratings keeps the ranking's β and rank instead of validating them again.</summary>
public sealed class RankingCarryOverTests
{
    // Neither value is a candidate below, so a model that has them can only have carried them over.
    private static readonly ModelTrainingOptions Selecting =
        SyntheticModel.Options with { SelectRanking = true, DebiasCandidates = [0.0, 0.3], RankCandidates = [6, 10] };

    [Fact]
    public void A_retrain_within_the_limit_uses_the_previous_choice_as_it_is()
    {
        var data = SyntheticModel.Data;
        var previous = new RankingChoice(0.2, 7, data.RatingCount + data.RatingCount / 10);

        var model = ModelTrainer.Train(data, Selecting with { PreviousRanking = previous }, DateTimeOffset.UnixEpoch);

        Assert.Equal(previous, model.Ranking);
        Assert.Equal(7, model.RankingRank);
        int film = Array.IndexOf(model.FilmCounts, model.FilmCounts.Max());
        Assert.Equal(System.Math.Pow(model.FilmCounts[film], -0.2), model.RankingScales[film], 1e-6);
    }

    [Fact]
    public void A_choice_validated_on_data_past_the_limit_or_never_validated_is_validated_afresh()
    {
        var data = SyntheticModel.Data;
        foreach (var previous in new[] { new RankingChoice(0.2, 7, data.RatingCount * 2), new RankingChoice(0.2, 7, 0) })
        {
            var model = ModelTrainer.Train(data, Selecting with { PreviousRanking = previous }, DateTimeOffset.UnixEpoch);

            var chosen = model.Ranking!;
            Assert.Equal(data.RatingCount, chosen.ValidatedAtRatings);
            Assert.Contains(chosen.Beta, Selecting.DebiasCandidates);
            Assert.Contains(chosen.Rank, Selecting.RankCandidates);
            Assert.Equal(chosen.Rank, model.RankingRank);
            Assert.Equal(RankingSelection.Choose(data, Selecting), (chosen.Beta, chosen.Rank));
        }
    }

    [Fact]
    public void A_given_choice_is_recorded_as_not_validated()
    {
        var model = ModelTrainer.Train(SyntheticModel.Data, SyntheticModel.Options, DateTimeOffset.UnixEpoch);

        Assert.Equal(new RankingChoice(SyntheticModel.Options.PopularityDebias, SyntheticModel.Options.RankingRank, 0), model.Ranking);
    }

    [Theory]
    [InlineData(1000, 1250, true)]
    [InlineData(1000, 750, true)]
    [InlineData(1000, 1251, false)]
    [InlineData(1000, 749, false)]
    [InlineData(0, 0, false)]
    public void A_choice_holds_while_the_ratings_moved_by_at_most_the_limit_either_way(int validatedAt, int ratings, bool holds)
    {
        Assert.Equal(holds, new RankingChoice(0.15, 48, validatedAt).StillHolds(ratings, 0.25));
    }
}
