using Recs.Engine.Evaluation;
using Recs.Engine.Model;
using Recs.Engine.Recommendation;

namespace Recs.Tests.Engine;

public sealed class ObscurityDialTests
{
    private static ScoredFilm[] Pool(int n) => [.. Enumerable.Range(0, n).Select(f => new ScoredFilm(f, 10 - f, 1, 4f))];

    private static int[] Films(ScoredFilm[] pool) => [.. pool.Select(s => s.Film)];

    [Fact]
    public void Obscurity_one_lifts_a_rarely_rated_film_by_the_hand_computed_keys()
    {
        // Relevance percentiles 1, .75, .5, .25, 0; obscurity percentiles (least rated = 1) 0, .25, 1, .5, .75; a = 0.3:
        // keys .7, .6, .65, .325, .225.
        int[] counts = [100, 90, 1, 80, 70];
        var pool = Pool(5);

        ObscurityDial.Rerank(pool, counts, 1f);

        Assert.Equal([0, 2, 1, 3, 4], Films(pool));
    }

    [Fact]
    public void Obscurity_zero_lifts_a_widely_rated_film_by_the_hand_computed_keys()
    {
        // Popularity percentiles 0, 1, .75, .5, .25; keys .7, .825, .575, .325, .075.
        int[] counts = [1, 100, 90, 80, 70];
        var pool = Pool(5);

        ObscurityDial.Rerank(pool, counts, 0f);

        Assert.Equal([1, 0, 2, 3, 4], Films(pool));
    }

    [Theory]
    [InlineData(0.5f)]
    [InlineData(0f)]
    [InlineData(1f)]
    public void Equal_rating_counts_or_the_neutral_setting_keep_the_models_order(float obscurity)
    {
        var pool = Pool(7);
        int[] same = [5, 5, 5, 5, 5, 5, 5];
        ObscurityDial.Rerank(pool, same, obscurity);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], Films(pool));

        int[] varied = [1, 9, 3, 7, 5, 2, 8];
        ObscurityDial.Rerank(pool, varied, 0.5f);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], Films(pool));
        Assert.False(ObscurityDial.Moves(0.5f));
    }

    [Fact]
    public void Half_obscurity_gives_exactly_the_list_without_the_option()
    {
        var data = SyntheticModel.Data;
        var plain = new ScoredFilm[20];
        var half = new ScoredFilm[20];
        for (int u = 0; u < data.UserCount; u += 7)
        {
            int n = BlendScorer.Recommend(SyntheticModel.Model, BlendWeights.Default, data.FilmsOf(u), data.StarsOf(u), data.Films, null, null, plain);
            int m = BlendScorer.Recommend(SyntheticModel.Model, BlendWeights.Default, data.FilmsOf(u), data.StarsOf(u), data.Films,
                new RecommendationQuery { Obscurity = 0.5f }, null, half);
            Assert.Equal(plain.AsSpan(0, n).ToArray(), half.AsSpan(0, m).ToArray());
        }
    }

    [Fact]
    public void The_dial_lowers_every_users_median_popularity_from_zero_to_one()
    {
        var data = SyntheticModel.Data;
        var model = SyntheticModel.Model;
        var list = new ScoredFilm[10];
        double Median(int user, float obscurity)
        {
            int n = BlendScorer.Recommend(model, BlendWeights.Default, data.FilmsOf(user), data.StarsOf(user), data.Films,
                new RecommendationQuery { Obscurity = obscurity }, null, list);
            return ObscurityDialEvaluation.MedianCount(model.FilmCounts, list.AsSpan(0, n).ToArray().Select(s => s.Film).ToArray());
        }
        for (int u = 0; u < data.UserCount; u += 5)
        {
            double popular = Median(u, 0f), neutral = Median(u, 0.5f), deep = Median(u, 1f);
            Assert.True(deep < popular, $"user {u}: median rating count {deep} at obscurity 1 is not below {popular} at 0");
            Assert.True(deep <= neutral && neutral <= popular, $"user {u}: medians {popular}, {neutral}, {deep} at 0, 0.5, 1 are not in order");
        }
    }

    [Fact]
    public void Measuring_a_dial_shape_at_the_shipped_values_gives_the_services_own_figures()
    {
        var data = SyntheticModel.Data;
        var users = Enumerable.Range(0, data.UserCount).Where(u => u % 9 == 0)
            .Select(u => new EvalUser(data.FilmsOf(u).ToArray(), data.StarsOf(u).ToArray(), data.FilmsOf(u)[..System.Math.Min(3, data.FilmsOf(u).Length)].ToArray(), u)).ToList();
        float?[] settings = [0f, 0.5f, 1f, null];

        var service = ObscurityDialEvaluation.Measure(SyntheticModel.Model, BlendWeights.Default, users, settings, 10);
        var shipped = ObscurityDialEvaluation.Measure(SyntheticModel.Model, BlendWeights.Default, users, settings, 10, new ObscurityDialShape(ObscurityDial.Pool, ObscurityDial.MaxMix));
        var still = ObscurityDialEvaluation.Measure(SyntheticModel.Model, BlendWeights.Default, users, settings, 10, new ObscurityDialShape(ObscurityDial.Pool, 0f));

        Assert.Equal(service, shipped);
        Assert.True(still[2].MedianPopularity == still[3].MedianPopularity, $"a dial with no popularity weight moved the median from {still[3].MedianPopularity} to {still[2].MedianPopularity}");
        Assert.True(shipped[2].MedianPopularity < shipped[3].MedianPopularity, "the shipped dial did not lower the median at 1");
    }

    [Fact]
    public void A_lists_median_rating_count_is_the_middle_value_or_the_mean_of_the_middle_two()
    {
        int[] counts = [5, 1, 3, 10, 7];
        Assert.Equal(4, ObscurityDialEvaluation.MedianCount(counts, [0, 1, 2, 3]));
        Assert.Equal(5, ObscurityDialEvaluation.MedianCount(counts, [0, 1, 2, 3, 4]));
        Assert.Equal(0, ObscurityDialEvaluation.MedianCount(counts, []));
    }

    [Fact]
    public void Activity_groups_are_the_thirds_by_rating_count_and_the_same_for_the_same_seed()
    {
        var users = Enumerable.Range(1, 30).Select(n => new EvalUser(new int[n], new float[n], [0], n)).Reverse().ToList();

        var sample = ActivityGroups.Sample(users, 4, seed: 3);
        var again = ActivityGroups.Sample(users, 4, seed: 3);

        Assert.All(sample.Light, u => Assert.InRange(u.Films.Length, 1, 10));
        Assert.All(sample.Medium, u => Assert.InRange(u.Films.Length, 11, 20));
        Assert.All(sample.Heavy, u => Assert.InRange(u.Films.Length, 21, 30));
        Assert.All(sample.All, g => Assert.Equal(4, g.Count));
        Assert.Equal(sample.Heavy.Select(u => u.TrainedIndex), again.Heavy.Select(u => u.TrainedIndex));
    }
}
