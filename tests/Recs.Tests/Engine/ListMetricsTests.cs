using Recs.Engine.Evaluation;
using Recs.Engine.Recommendation;

namespace Recs.Tests.Engine;

public sealed class ListMetricsTests
{
    [Fact]
    public void Ndcg_uses_log2_discount_and_the_ideal_over_min_k_relevant()
    {
        // Hits at ranks 1 and 3; three relevant films, k = 5: DCG = 1 + 1/log2(4) = 1.5; IDCG = 1 + 1/log2(3) + 1/2.
        double expected = 1.5 / (1 + 1 / System.Math.Log2(3) + 0.5);
        Assert.Equal(expected, ListMetrics.Ndcg([10, 11, 12, 13, 14], [10, 12, 99], 5), 12);
        // More relevant films than k: the ideal list is k hits.
        Assert.Equal(1.0, ListMetrics.Ndcg([1, 2], [1, 2, 3, 4], 2), 12);
        Assert.Equal(0.0, ListMetrics.Ndcg([1, 2], [], 2));
        Assert.Equal(2, ListMetrics.Hits([10, 11, 12, 13, 14], [10, 12, 99], 5));
    }

    [Fact]
    public void Evaluator_averages_precision_recall_and_coverage_over_users()
    {
        EvalUser a = new([], [], [1, 2], 0), b = new([], [], [3], 1);
        EvalRanker ranker = (user, output) =>
        {
            output[0] = new ScoredFilm(user.TrainedIndex == 0 ? 1 : 5, 1, 0, 0);
            output[1] = new ScoredFilm(6, 0.5f, 0, 0);
            return 2;
        };
        var m = Evaluator.Evaluate("test", ranker, [a, b], 2, 10);
        Assert.Equal((0.5 + 0) / 2, m.Precision, 12);
        Assert.Equal((0.5 + 0) / 2, m.Recall, 12);
        Assert.Equal(0.3, m.Coverage, 12);
        Assert.Equal(2, m.Users);
    }
}
