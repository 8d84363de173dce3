using Recs.Engine.Recommendation;

namespace Recs.Engine.Evaluation;

/// <summary>Runs a ranker for every evaluated user and averages the list metrics.</summary>
public static class Evaluator
{
    /// <summary>Metrics of the top <paramref name="k"/> of <paramref name="ranker"/> over <paramref name="users"/>; coverage is over <paramref name="catalogueSize"/> films.</summary>
    public static RankingMetrics Evaluate(string name, EvalRanker ranker, IReadOnlyList<EvalUser> users, int k, int catalogueSize)
    {
        ArgumentNullException.ThrowIfNull(ranker);
        ArgumentNullException.ThrowIfNull(users);
        var buffer = new ScoredFilm[k];
        var ids = new int[k];
        var recommended = new HashSet<int>();
        double precision = 0, recall = 0, ndcg = 0;
        foreach (var user in users)
        {
            int n = System.Math.Max(0, ranker(user, buffer));
            for (int i = 0; i < n; i++)
            {
                ids[i] = buffer[i].Film;
                recommended.Add(ids[i]);
            }
            int hits = ListMetrics.Hits(ids.AsSpan(0, n), user.Relevant, k);
            precision += hits / (double)k;
            recall += hits / (double)user.Relevant.Length;
            ndcg += ListMetrics.Ndcg(ids.AsSpan(0, n), user.Relevant, k);
        }
        int count = System.Math.Max(1, users.Count);
        return new RankingMetrics(name, k, precision / count, recall / count, ndcg / count,
            catalogueSize == 0 ? 0 : recommended.Count / (double)catalogueSize, users.Count);
    }
}
