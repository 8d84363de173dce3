using Recs.Engine.Data;
using Recs.Engine.Model;
using Recs.Engine.Recommendation;

namespace Recs.Engine.Evaluation;

/// <summary>
/// Measures watch-together lists: seeded random groups of evaluated users, each group's list made as the group
/// endpoint makes it (every member's blend scores over the films none of them rated, min-max normalised and combined
/// by <see cref="GroupAggregation"/>), scored by NDCG@k against each member's held-out ratings and compared with the
/// member's own list and with a popularity list for the group.
/// </summary>
public static class GroupEvaluation
{
    /// <summary>
    /// Draws <paramref name="groups"/> groups of <paramref name="size"/> distinct users from <paramref name="users"/>
    /// with <paramref name="seed"/> and returns the mean NDCG@<paramref name="k"/> over all members of all groups.
    /// </summary>
    public static GroupQuality Measure(
        TrainedModel model, BlendWeights weights, RatingsDataset train, IReadOnlyList<EvalUser> users, int size, int groups, int seed, int k)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, users.Count);
        var random = new Random(seed);
        var popularity = new PopularityRanking(train).Order.ToArray();
        var list = new ScoredFilm[k];
        var ids = new int[k];
        var order = Enumerable.Range(0, users.Count).ToArray();
        double group = 0, individual = 0, popular = 0;
        int members = 0;
        for (int g = 0; g < groups; g++)
        {
            random.Shuffle(order);
            var picked = order.Take(size).Select(i => users[i]).ToArray();
            var rated = new HashSet<int>(picked.SelectMany(u => u.Films));
            var candidates = Enumerable.Range(0, train.FilmCount)
                .Where(f => !rated.Contains(f) && train.RatingCountOf(f) > 0 && RecommendationQuery.Default.Allows(train.Films[f])).ToArray();
            int n = Rank(model, weights, picked, candidates, list);
            var groupList = list.AsSpan(0, n).ToArray().Select(s => candidates[s.Film]).ToArray();
            var popularList = popularity.Where(f => !rated.Contains(f)).Take(k).ToArray();
            foreach (var member in picked)
            {
                group += ListMetrics.Ndcg(groupList, member.Relevant, k);
                popular += ListMetrics.Ndcg(popularList, member.Relevant, k);
                int own = System.Math.Max(0, BlendScorer.Recommend(model, weights, member.Films, member.Stars, null, null, null, list));
                for (int i = 0; i < own; i++)
                    ids[i] = list[i].Film;
                individual += ListMetrics.Ndcg(ids.AsSpan(0, own), member.Relevant, k);
                members++;
            }
        }
        int count = System.Math.Max(1, members);
        return new GroupQuality(size, groups, group / count, individual / count, popular / count);
    }

    /// <summary>
    /// Writes the group's best candidates to <paramref name="output"/> best first (Film = the index into
    /// <paramref name="candidates"/>) and returns how many: each member's blend scores over the candidates, ranked by
    /// <see cref="GroupAggregation.Rank"/> as the group endpoint ranks them.
    /// </summary>
    public static int Rank(TrainedModel model, BlendWeights weights, IReadOnlyList<EvalUser> members, int[] candidates, Span<ScoredFilm> output)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(candidates);
        int n = candidates.Length;
        var scored = new ScoredFilm[n];
        var scores = new float[members.Count * n];
        for (int m = 0; m < members.Count; m++)
        {
            BlendScorer.Score(model, weights, members[m].Films, members[m].Stars, candidates, scored);
            var row = scores.AsSpan(m * n, n);
            for (int i = 0; i < n; i++)
                row[i] = scored[i].Score;
        }
        return GroupAggregation.Rank(scores, new (float Min, float Max)[members.Count], output);
    }
}
