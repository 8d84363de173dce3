using Recs.Engine.Data;
using Recs.Engine.Model;
using Recs.Engine.Recommendation;

namespace Recs.Engine.Evaluation;

/// <summary>The rankers compared by `recs eval`, each as an <see cref="EvalRanker"/> over one training set.</summary>
public static class Rankers
{
    /// <summary>Global popularity (damped mean × log count), the same for everyone.</summary>
    public static EvalRanker Popularity(RatingsDataset train)
    {
        var order = new PopularityRanking(train).Order.ToArray();
        var scores = new PopularityRanking(train).Scores;
        return (user, output) =>
        {
            int n = 0;
            foreach (int f in order)
            {
                if (n == output.Length)
                    break;
                if (user.Films.AsSpan().BinarySearch(f) < 0)
                    output[n++] = new ScoredFilm(f, scores[f], 0, 0);
            }
            return n;
        };
    }

    /// <summary>The original method: films ranked by their mean rating in the user's cluster times log(1 + rating count).</summary>
    public static EvalRanker ClusterPopularity(TrainedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return (user, output) =>
        {
            var direction = new float[model.TasteRank];
            FoldIn.TasteDirection(model, user.Films, user.Stars, direction);
            int c = FoldIn.Cluster(model, direction);
            int films = model.FilmCount;
            var top = new TopN(output);
            for (int f = 0; f < films; f++)
            {
                int n = model.ClusterFilmCounts[c * films + f];
                if (n == 0 || user.Films.AsSpan().BinarySearch(f) >= 0)
                    continue;
                float mean = model.ClusterFilmSums[c * films + f] / n;
                top.Offer(new ScoredFilm(f, mean * MathF.Log(1 + model.FilmCounts[f]), n, mean));
            }
            return top.SortDescending();
        };
    }

    /// <summary>The shipped scorer with the given weights (<see cref="BlendWeights.PureSvd"/> for the raw SVD alone).</summary>
    public static EvalRanker Blend(TrainedModel model, BlendWeights weights) =>
        (user, output) => BlendScorer.Recommend(model, weights, user.Films, user.Stars, null, null, null, output);

    /// <summary>The user-based neighbourhood recommender that serves before a model is trained.</summary>
    public static EvalRanker Neighbourhood(RatingsDataset train)
    {
        var recommender = new NeighbourhoodRecommender(train);
        return (user, output) => recommender.Recommend(user.Films, user.Stars, user.TrainedIndex, output);
    }
}
