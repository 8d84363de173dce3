using Recs.Engine.Model;
using Recs.Engine.Recommendation;

namespace Recs.Engine.Evaluation;

/// <summary>
/// Measures what the obscurity option does to the shipped blend's top-k lists: how popular the recommended films are
/// (rating counts in the training data) and what it costs in NDCG@k on held-out ratings.
/// </summary>
public static class ObscurityDialEvaluation
{
    /// <summary>
    /// One <see cref="ObscurityPoint"/> per entry of <paramref name="settings"/> (in their order; null means the option
    /// is left out) for the top <paramref name="k"/> of every user in <paramref name="users"/>. Without
    /// <paramref name="dial"/> the lists are the service's own (<see cref="BlendScorer.Recommend"/> with the option);
    /// with it, the blend's best <see cref="ObscurityDialShape.Pool"/> films are re-ranked at that shape instead.
    /// </summary>
    public static ObscurityPoint[] Measure(TrainedModel model, BlendWeights weights, IReadOnlyList<EvalUser> users, IReadOnlyList<float?> settings, int k, ObscurityDialShape? dial = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var medians = new double[settings.Count][];
        var points = new ObscurityPoint[settings.Count];
        var buffer = new ScoredFilm[System.Math.Max(k, dial?.Pool ?? 0)];
        var ids = new int[k];
        for (int s = 0; s < settings.Count; s++)
        {
            var query = new RecommendationQuery { Obscurity = settings[s] };
            medians[s] = new double[users.Count];
            double ndcg = 0;
            int below = 0;
            for (int u = 0; u < users.Count; u++)
            {
                var user = users[u];
                int n = dial is { } shape ? Reranked(model, weights, user, settings[s], shape, buffer, k)
                    : System.Math.Max(0, BlendScorer.Recommend(model, weights, user.Films, user.Stars, null, query, null, buffer.AsSpan(0, k)));
                for (int i = 0; i < n; i++)
                    ids[i] = buffer[i].Film;
                ndcg += ListMetrics.Ndcg(ids.AsSpan(0, n), user.Relevant, k);
                medians[s][u] = MedianCount(model.FilmCounts, ids.AsSpan(0, n));
                if (medians[s][u] < medians[0][u])
                    below++;
            }
            int count = System.Math.Max(1, users.Count);
            points[s] = new ObscurityPoint(settings[s], users.Count, Median(medians[s]), ndcg / count, below / (double)count);
        }
        return points;
    }

    // What the service does with the option, at another pool and weight: the blend's own best films, re-ranked.
    private static int Reranked(TrainedModel model, BlendWeights weights, EvalUser user, float? obscurity, ObscurityDialShape shape, ScoredFilm[] buffer, int k)
    {
        int size = System.Math.Max(shape.Pool, k);
        int n = System.Math.Max(0, BlendScorer.Recommend(model, weights, user.Films, user.Stars, null, null, null, buffer.AsSpan(0, size)));
        if (obscurity is { } o)
            ObscurityDial.Rerank(buffer.AsSpan(0, n), model.FilmCounts, o, shape.MaxMix);
        return System.Math.Min(n, k);
    }

    /// <summary>The median rating count of the films in <paramref name="list"/> (the mean of the middle two for an even length; 0 for none).</summary>
    public static double MedianCount(ReadOnlySpan<int> counts, ReadOnlySpan<int> list)
    {
        var values = new double[list.Length];
        for (int i = 0; i < list.Length; i++)
            values[i] = counts[list[i]];
        return Median(values);
    }

    private static double Median(double[] values)
    {
        if (values.Length == 0)
            return 0;
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
