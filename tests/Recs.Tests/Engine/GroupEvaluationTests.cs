using Recs.Engine.Evaluation;
using Recs.Engine.Model;
using Recs.Engine.Recommendation;

namespace Recs.Tests.Engine;

public sealed class GroupEvaluationTests
{
    // Each synthetic user with their even-numbered films known and their odd-numbered liked films held out as relevant.
    private static List<EvalUser> HeldOutUsers()
    {
        var data = SyntheticModel.Data;
        var users = new List<EvalUser>();
        for (int u = 0; u < data.UserCount; u++)
        {
            var films = data.FilmsOf(u).ToArray();
            var stars = data.StarsOf(u);
            var known = Enumerable.Range(0, films.Length).Where(i => i % 2 == 0).ToArray();
            int[] relevant = [.. Enumerable.Range(0, films.Length).Where(i => i % 2 == 1 && stars[i] >= 4f).Select(i => films[i])];
            if (relevant.Length > 0)
                users.Add(new EvalUser([.. known.Select(i => films[i])], [.. known.Select(i => stars[i])], relevant, u));
        }
        return users;
    }

    [Fact]
    public void A_group_of_one_scores_as_the_members_own_list()
    {
        var quality = GroupEvaluation.Measure(SyntheticModel.Model, BlendWeights.Default, SyntheticModel.Data, HeldOutUsers(), size: 1, groups: 40, seed: 5, k: 10);

        Assert.True(quality.IndividualNdcg > 0.2, $"own lists NDCG {quality.IndividualNdcg:0.000} leaves nothing to compare");
        Assert.True(System.Math.Abs(quality.GroupNdcg - quality.IndividualNdcg) < 0.02,
            $"a group of one scored {quality.GroupNdcg:0.0000}, its member's own list {quality.IndividualNdcg:0.0000}");
    }

    [Fact]
    public void Group_lists_of_planted_taste_groups_beat_popularity_and_the_draw_is_seeded()
    {
        var users = HeldOutUsers();
        var quality = GroupEvaluation.Measure(SyntheticModel.Model, BlendWeights.Default, SyntheticModel.Data, users, size: 3, groups: 30, seed: 9, k: 10);
        var again = GroupEvaluation.Measure(SyntheticModel.Model, BlendWeights.Default, SyntheticModel.Data, users, size: 3, groups: 30, seed: 9, k: 10);

        Assert.Equal(quality, again);
        Assert.True(quality.GroupNdcg <= quality.IndividualNdcg + 1e-9, $"group {quality.GroupNdcg:0.0000} above own lists {quality.IndividualNdcg:0.0000}");
        Assert.True(quality.GroupNdcg > quality.PopularityNdcg, $"group {quality.GroupNdcg:0.0000} not above popularity {quality.PopularityNdcg:0.0000}");
    }

    [Fact]
    public void The_group_list_ranks_by_the_aggregated_fits()
    {
        var users = HeldOutUsers();
        EvalUser[] members = [users[0], users[1]];
        int[] candidates = [.. Enumerable.Range(0, SyntheticModel.Data.FilmCount).Where(f => !members.Any(m => m.Films.Contains(f)))];
        var output = new ScoredFilm[5];

        int n = GroupEvaluation.Rank(SyntheticModel.Model, BlendWeights.Default, members, candidates, output);

        Assert.Equal(5, n);
        var scored = new ScoredFilm[candidates.Length];
        var fits = members.Select(m =>
        {
            BlendScorer.Score(SyntheticModel.Model, BlendWeights.Default, m.Films, m.Stars, candidates, scored);
            var row = scored.Select(s => s.Score).ToArray();
            var (min, max) = GroupAggregation.Range(row);
            return row.Select(s => GroupAggregation.Fit(s, min, max)).ToArray();
        }).ToArray();
        var expected = Enumerable.Range(0, candidates.Length).Select(i => GroupAggregation.Aggregate([fits[0][i], fits[1][i]])).Order().Reverse().Take(5);
        Assert.Equal(expected, output.Select(s => s.Score));
    }
}
