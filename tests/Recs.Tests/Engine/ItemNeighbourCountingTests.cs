using Recs.Engine.Data;
using Recs.Engine.Evaluation;
using Recs.Engine.Model;
using Recs.Tests.Support;

namespace Recs.Tests.Engine;

/// <summary>The packed bit-row counting and the scattered counting over ratings must give the very same neighbours and weights.</summary>
public sealed class ItemNeighbourCountingTests
{
    private const int K = 20;

    [Fact]
    public void Packed_and_scattered_counting_agree_on_synthetic_data() => AssertBothPathsAgree(SyntheticModel.Data);

    [SkippableFact]
    public void Packed_and_scattered_counting_agree_on_movielens()
    {
        string path = RepositoryPaths.Data("movielens-ml-latest-small/ratings.csv");
        Skip.IfNot(File.Exists(path), $"real data absent: {path} (set RECS_DATA_DIR)");
        AssertBothPathsAgree(HoldoutSplitter.Split(RatingsFile.Read(path), 0.2, 1).Train);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(40)]
    [InlineData(160)]
    public void Counting_with_popular_films_agrees_with_packed_counting_on_synthetic_data(int popularFilms) =>
        AssertPopularPathAgrees(SyntheticModel.Data, popularFilms);

    [SkippableTheory]
    [InlineData(50)]
    [InlineData(800)]
    public void Counting_with_popular_films_agrees_with_packed_counting_on_movielens(int popularFilms)
    {
        string path = RepositoryPaths.Data("movielens-ml-latest-small/ratings.csv");
        Skip.IfNot(File.Exists(path), $"real data absent: {path} (set RECS_DATA_DIR)");
        AssertPopularPathAgrees(HoldoutSplitter.Split(RatingsFile.Read(path), 0.2, 1).Train, popularFilms);
    }

    [Fact]
    public void A_trained_models_lists_and_weights_are_those_counted_from_the_ratings()
    {
        // The trainer gives the by-film order back and packs the raters from each person's films before the
        // regression; the reference counts everything from the ratings themselves.
        var data = SyntheticModel.Data;
        var model = SyntheticModel.Model;
        int k = model.NeighbourCount;
        Assert.True(k > 0, "the synthetic model keeps no neighbours");
        var (ids, _) = ItemNeighbours.Build(data, k, raters: null);
        var weights = ItemNeighbours.Regress(data, ids, k, SyntheticModel.Options.NeighbourPenalty, raters: null);

        Assert.Equal(ids, model.NeighbourFilms);
        Assert.Equal(weights, model.NeighbourSimilarities);
    }

    [Fact]
    public void Lists_longer_than_a_mask_fall_back_to_pairwise_counting()
    {
        // 70 neighbours plus the film itself exceed the 64 bits of a user's mask: Regress must still be exact.
        const int k = 70;
        var data = SyntheticModel.Data;
        var packed = ItemNeighbours.PackRaters(data);
        var popular = PopularCoRatings.Of(data, 5);
        var (ids, _) = ItemNeighbours.Build(data, k, raters: null, popular);
        var expected = ItemNeighbours.Regress(data, ids, k, 100, packed);
        var weights = ItemNeighbours.Regress(data, ids, k, 100, raters: null, popular);
        int first = expected.AsSpan().CommonPrefixLength(weights);
        Assert.True(first == weights.Length, $"weights differ first at slot {first}");
    }

    [Fact]
    public void Regression_refuses_popular_films_without_their_co_counts()
    {
        var data = SyntheticModel.Data;
        var (ids, _) = ItemNeighbours.Build(data, K, raters: null);
        var popular = PopularCoRatings.Of(data, 10);
        Assert.Throws<InvalidOperationException>(() => ItemNeighbours.Regress(data, ids, K, 100, raters: null, popular));
    }

    [Fact]
    public void Popular_films_are_the_most_rated_and_fit_the_budget()
    {
        var data = SyntheticModel.Data;
        long budget = PopularCoRatings.BytesFor(30, data.UserCount);
        var popular = PopularCoRatings.Choose(data, budget);
        Assert.NotNull(popular);
        Assert.Equal(30, popular.Count);
        int least = popular.Films.Min(data.RatingCountOf);
        for (int f = 0; f < data.FilmCount; f++)
        {
            if (popular.ColumnOf(f) < 0)
                Assert.True(data.RatingCountOf(f) <= least, $"film {f} ({data.RatingCountOf(f)} ratings) left out while a popular film has {least}");
        }
        Assert.Null(PopularCoRatings.Choose(data, PopularCoRatings.BytesFor(1, data.UserCount) - 1));
    }

    [Fact]
    public void Packing_is_skipped_above_the_memory_budget()
    {
        Assert.NotNull(ItemNeighbours.PackRaters(SyntheticModel.Data));
        long bytes = Recs.Math.PackedBinaryMatrix.BytesFor(60_000, 170_000);
        Assert.True(bytes > ItemNeighbours.PackedRatersBudgetBytes, $"a MovieLens-25M-sized matrix ({bytes:N0} bytes) should exceed the budget");
    }

    private static void AssertBothPathsAgree(RatingsDataset data)
    {
        var packed = ItemNeighbours.PackRaters(data);
        Assert.NotNull(packed);
        var (packedIds, packedSims) = ItemNeighbours.Build(data, K, packed);
        var (sparseIds, sparseSims) = ItemNeighbours.Build(data, K, raters: null);
        int firstId = packedIds.AsSpan().CommonPrefixLength(sparseIds);
        Assert.True(firstId == packedIds.Length, $"neighbour lists differ first at slot {firstId}: {Show(packedIds, firstId)} vs {Show(sparseIds, firstId)}");
        Assert.True(packedSims.AsSpan().SequenceEqual(sparseSims), "cosines differ between the two counting paths");
        Assert.Contains(packedIds, id => id >= 0);

        var packedWeights = ItemNeighbours.Regress(data, packedIds, K, 100, packed);
        var sparseWeights = ItemNeighbours.Regress(data, sparseIds, K, 100, raters: null);
        int firstWeight = packedWeights.AsSpan().CommonPrefixLength(sparseWeights);
        Assert.True(firstWeight == packedWeights.Length, $"regression weights differ first at slot {firstWeight}");

        // Independent check of a few lists: the best neighbour by a direct co-rating count over the raters' sets.
        var raters = RatersByScan(data);
        for (int film = 0; film < data.FilmCount; film += System.Math.Max(1, data.FilmCount / 25))
        {
            var mine = raters[film];
            float best = 0;
            for (int other = 0; other < data.FilmCount; other++)
            {
                if (other == film)
                    continue;
                int common = 0;
                foreach (int u in raters[other])
                    common += mine.Contains(u) ? 1 : 0;
                if (common > 0)
                    best = System.Math.Max(best, (float)(common / System.Math.Sqrt((double)data.RatingCountOf(film) * data.RatingCountOf(other))));
            }
            Assert.True(packedSims[film * K] == best, $"film {film}: top cosine {packedSims[film * K]} but a direct scan finds {best}");
        }
    }

    private static void AssertPopularPathAgrees(RatingsDataset data, int popularFilms)
    {
        var packed = ItemNeighbours.PackRaters(data);
        Assert.NotNull(packed);
        var popular = PopularCoRatings.Of(data, System.Math.Min(popularFilms, data.FilmCount));
        var (packedIds, packedSims) = ItemNeighbours.Build(data, K, packed);
        var (ids, sims) = ItemNeighbours.Build(data, K, raters: null, popular);
        Assert.True(packedIds.AsSpan().SequenceEqual(ids) && packedSims.AsSpan().SequenceEqual(sims), "storing popular co-counts changed the lists");
        Assert.True(popular.IsComplete, "Build left popular films without co-counts");

        // The stored co-counts against a direct count over the raters' sets.
        var raters = RatersByScan(data);
        for (int a = 0; a < popular.Count; a += System.Math.Max(1, popular.Count / 12))
        {
            var mine = raters[popular.Films[a]];
            for (int b = 0; b < popular.Count; b++)
            {
                int common = 0;
                foreach (int u in raters[popular.Films[b]])
                    common += mine.Contains(u) ? 1 : 0;
                Assert.True(popular.CoCount(a, b) == common, $"popular films {popular.Films[a]} and {popular.Films[b]}: stored {popular.CoCount(a, b)}, direct count {common}");
            }
        }

        var packedWeights = ItemNeighbours.Regress(data, packedIds, K, 100, packed);
        var weights = ItemNeighbours.Regress(data, ids, K, 100, raters: null, popular);
        int first = packedWeights.AsSpan().CommonPrefixLength(weights);
        Assert.True(first == weights.Length, $"with {popular.Count} popular films, regression weights differ first at slot {first}: {(first < weights.Length ? $"{packedWeights[first]} vs {weights[first]}" : "")}");
        Assert.Contains(weights, w => w != 0);
    }

    // Who rated each film, from the user rows alone: independent of the by-film pattern the code under test builds.
    private static HashSet<int>[] RatersByScan(RatingsDataset data)
    {
        var raters = new HashSet<int>[data.FilmCount];
        for (int f = 0; f < raters.Length; f++)
            raters[f] = [];
        for (int u = 0; u < data.UserCount; u++)
        {
            foreach (int f in data.FilmsOf(u))
                raters[f].Add(u);
        }
        return raters;
    }

    private static string Show(int[] ids, int slot) => slot < ids.Length ? $"film {slot / K} slot {slot % K} = {ids[slot]}" : "end";
}
