using Recs.Engine.Model;
using Recs.Engine.Recommendation;

namespace Recs.Tests.Engine;

public sealed class FoldInTests
{
    [Fact]
    public void Fold_in_of_a_trained_user_reproduces_their_trained_factor_and_cluster()
    {
        var data = SyntheticModel.Data;
        var model = SyntheticModel.Model;
        int rank = model.TasteRank;
        var factor = new float[rank];
        var direction = new float[rank];
        int sameCluster = 0;
        for (int u = 0; u < data.UserCount; u++)
        {
            FoldIn.TasteFactor(model, data.FilmsOf(u), data.StarsOf(u), factor);
            var trained = model.UserFactors.AsSpan(u * rank, rank);
            for (int i = 0; i < rank; i++)
                Assert.True(MathF.Abs(factor[i] - trained[i]) < 1e-3f, $"user {u} factor {i}: {factor[i]} vs {trained[i]}");
            FoldIn.TasteDirection(model, data.FilmsOf(u), data.StarsOf(u), direction);
            if (FoldIn.Cluster(model, direction) == model.Labels[u])
                sameCluster++;
        }
        Assert.True(sameCluster >= data.UserCount * 0.98, $"{sameCluster}/{data.UserCount} users folded into their trained cluster");
    }

    [Fact]
    public void Recommendations_never_include_rated_or_excluded_films_and_favour_the_users_group()
    {
        var data = SyntheticModel.Data;
        var output = new ScoredFilm[20];
        var excluded = new HashSet<int> { 0, 4, 8 };
        int inGroup = 0, total = 0;
        for (int u = 0; u < data.UserCount; u++)
        {
            int n = BlendScorer.Recommend(SyntheticModel.Model, BlendWeights.Default, data.FilmsOf(u), data.StarsOf(u),
                data.Films, RecommendationQuery.Default, excluded, output);
            Assert.True(n > 0);
            for (int i = 0; i < n; i++)
            {
                Assert.True(data.FilmsOf(u).BinarySearch(output[i].Film) < 0, $"user {u} got rated film {output[i].Film}");
                Assert.DoesNotContain(output[i].Film, excluded);
                Assert.True(output[i].Supporters > 0);
                if (i < 5)
                {
                    total++;
                    if (output[i].Film % 4 == u % 4)
                        inGroup++;
                }
            }
        }
        Assert.True(inGroup > total * 0.8, $"{inGroup}/{total} of the top five were from the user's taste group");
    }

    [Fact]
    public void A_new_user_is_served_by_fold_in_without_retraining()
    {
        var data = SyntheticModel.Data;
        int[] films = [1, 5, 9, 13, 17];
        float[] stars = [5f, 4.5f, 5f, 4f, 4.5f];
        var output = new ScoredFilm[10];
        int n = BlendScorer.Recommend(SyntheticModel.Model, BlendWeights.Default, films, stars, data.Films, null, null, output);
        Assert.Equal(10, n);
        Assert.True(output.Take(n).Count(s => s.Film % 4 == 1) >= 8, "a fan of group-1 films gets group-1 films");
    }
}
