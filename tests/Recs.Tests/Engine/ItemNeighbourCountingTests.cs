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
        for (int film = 0; film < data.FilmCount; film += System.Math.Max(1, data.FilmCount / 25))
        {
            var mine = new HashSet<int>(data.RatersOf(film).ToArray());
            float best = 0;
            for (int other = 0; other < data.FilmCount; other++)
            {
                if (other == film)
                    continue;
                int common = 0;
                foreach (int u in data.RatersOf(other))
                    common += mine.Contains(u) ? 1 : 0;
                if (common > 0)
                    best = System.Math.Max(best, (float)(common / System.Math.Sqrt((double)data.RatingCountOf(film) * data.RatingCountOf(other))));
            }
            Assert.True(packedSims[film * K] == best, $"film {film}: top cosine {packedSims[film * K]} but a direct scan finds {best}");
        }
    }

    private static string Show(int[] ids, int slot) => slot < ids.Length ? $"film {slot / K} slot {slot % K} = {ids[slot]}" : "end";
}
