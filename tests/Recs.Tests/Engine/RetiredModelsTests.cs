using System.Runtime.CompilerServices;
using Recs.Engine.Catalog;
using Recs.Engine.Data;
using Recs.Engine.Model;
using Recs.Engine.Serving;

namespace Recs.Tests.Engine;

/// <summary>What a swap replaced is counted until the collector frees it, and never holds it alive itself.</summary>
public sealed class RetiredModelsTests
{
    [Fact]
    public void Replaced_parts_are_counted_while_referenced_and_gone_after_a_collection()
    {
        var retired = new RetiredModels();
        var (count, bytes, expected) = RetireAndMeasure(retired);
        Assert.Equal(2, count);
        Assert.Equal(expected, bytes);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.Equal((0, 0L), retired.StillHeld());
    }

    [Fact]
    public void A_part_the_new_model_still_serves_is_not_retired()
    {
        var retired = new RetiredModels();
        var trained = SyntheticModel.Model;
        var before = new ServingModel(SyntheticModel.Data, "before", DateTimeOffset.UnixEpoch, trained);
        retired.Retire(before, new ServingModel(SyntheticModel.Data, "after", DateTimeOffset.UnixEpoch, trained));
        Assert.Equal((0, 0L), retired.StillHeld());
        retired.Retire(null, before);
        Assert.Equal((0, 0L), retired.StillHeld());
    }

    [Fact]
    public void At_most_capacity_parts_are_remembered()
    {
        var retired = new RetiredModels();
        var serving = new ServingModel(SyntheticModel.Data, "serving", DateTimeOffset.UnixEpoch);
        var held = Enumerable.Range(0, RetiredModels.Capacity + 5).Select(i => SmallData(i)).ToList();
        foreach (var data in held)
            retired.Retire(new ServingModel(data, "old", DateTimeOffset.UnixEpoch), serving);
        Assert.Equal(RetiredModels.Capacity, retired.StillHeld().Count);
        GC.KeepAlive(held);
    }

    // Builds and retires a data set and a trained model in a frame of its own, so nothing outside holds them once it returns.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (int Count, long Bytes, long Expected) RetireAndMeasure(RetiredModels retired)
    {
        var data = SmallData(1);
        var trained = ModelTrainer.Train(SyntheticModel.Data, SyntheticModel.Options, DateTimeOffset.UnixEpoch);
        Assert.NotSame(SyntheticModel.Model, trained);
        var serving = new ServingModel(SyntheticModel.Data, "serving", DateTimeOffset.UnixEpoch, SyntheticModel.Model);
        retired.Retire(new ServingModel(SyntheticModel.Data, "old model", DateTimeOffset.UnixEpoch, trained), serving);
        retired.Retire(new ServingModel(data, "old data", DateTimeOffset.UnixEpoch), serving);
        var (count, bytes) = retired.StillHeld();
        return (count, bytes, trained.EstimatedBytes + data.EstimatedBytes);
    }

    private static RatingsDataset SmallData(int seed)
    {
        var builder = new RatingsDatasetBuilder { Sequence = seed };
        foreach (string slug in new[] { "a", "b", "c" })
            builder.AddFilm(new Film(slug, slug.ToUpperInvariant(), 2000, ["Drama"], "movie", null, null));
        builder.AddRating(new RatingRecord($"someone-{seed}", "a", 3, null));
        return builder.Build();
    }

    [Fact]
    public async Task Waiting_ends_at_once_when_nothing_is_held_and_at_the_limit_while_something_is()
    {
        var retired = new RetiredModels();
        Assert.True(await retired.WaitUntilFreedAsync(TimeSpan.Zero, TimeSpan.FromMilliseconds(10)));
        var held = SmallData(3);
        retired.Retire(new ServingModel(held, "old", DateTimeOffset.UnixEpoch), new ServingModel(SyntheticModel.Data, "new", DateTimeOffset.UnixEpoch));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(await retired.WaitUntilFreedAsync(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(20)));
        Assert.True(clock.ElapsedMilliseconds >= 200, $"gave up after {clock.ElapsedMilliseconds} ms, before its limit");
        GC.KeepAlive(held);
    }

    [Fact]
    public async Task Waiting_ends_once_the_replaced_part_is_collected()
    {
        var retired = new RetiredModels();
        RetireUnreferencedData(retired);
        Assert.Equal(1, retired.StillHeld().Count);
        using var collector = new CancellationTokenSource();
        var collecting = Task.Run(async () =>
        {
            while (!collector.IsCancellationRequested)
            {
                GC.Collect();
                await Task.Delay(20);
            }
        });
        bool freed = await retired.WaitUntilFreedAsync(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(10));
        await collector.CancelAsync();
        await collecting;
        Assert.True(freed, "the wait gave up although nothing referenced the replaced data set");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RetireUnreferencedData(RetiredModels retired) =>
        retired.Retire(new ServingModel(SmallData(4), "old", DateTimeOffset.UnixEpoch), new ServingModel(SyntheticModel.Data, "new", DateTimeOffset.UnixEpoch));
}
