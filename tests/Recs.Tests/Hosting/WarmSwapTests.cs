using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Recs.Aot.Hosting;
using Recs.Aot.Recommendations;
using Recs.Engine.Data;
using Recs.Engine.Serving;
using Recs.Tests.Support;

namespace Recs.Tests.Hosting;

/// <summary>
/// A retrain computes the cached people's lists on the new model before it serves (<see cref="ServingSwap.Prepare"/>),
/// so they keep getting cached answers, from the new model, right after the swap; with Recs:RewarmLimit=0 the cache
/// starts empty instead. A list computed before an upload that lands before the swap is never served.
/// </summary>
public sealed class WarmSwapTests
{
    private static readonly string[] People = [.. Enumerable.Range(0, 12).Select(i => $"demo_{i:D3}")];

    [Theory]
    [InlineData(5000, "ultra_fast")]
    [InlineData(0, "computed")]
    public async Task After_a_retrain_the_cached_people_get_lists_of_the_new_model(int rewarmLimit, string modeAfter)
    {
        await using var service = await RunningService.StartAsync(await MemoryRatingStore.WithDemoDataAsync(),
            "--Recs:SnapshotPath=", "--Recs:RateLimitPermitsPerSecond=100000", "--Recs:RateLimitBurst=100000",
            $"--Recs:RewarmLimit={rewarmLimit}");
        await service.WaitForTrainedModelAsync();
        await service.WaitForTrainingIdleAsync();
        foreach (string person in People)
            Assert.Equal("computed", (await GetAsync(service, person)).Mode);
        string before = (await GetAsync(service, People[0])).Version;
        // Versions name the second a training started: the retrain must start in a later one to be told apart.
        await Task.Delay(1100);

        using (var retrain = await service.Http.PostAsync("/api/admin/retrain", null))
            Assert.Equal(HttpStatusCode.Accepted, retrain.StatusCode);
        await service.WaitForModelStateAsync(m => m.GetProperty("version").GetString() != before
            && m.GetProperty("trained").GetProperty("training").GetString() == "idle", "the retrained model serving");

        string after = service.App.Services.GetRequiredService<ModelHolder>().Current!.Version;
        Assert.NotEqual(before, after);
        foreach (string person in People)
        {
            var answer = await GetAsync(service, person);
            Assert.True(answer.Mode == modeAfter, $"{person} got a {answer.Mode} answer after the retrain, expected {modeAfter}");
            Assert.Equal(after, answer.Version);
        }
        // Someone nobody asked for before has nothing carried over.
        Assert.Equal("computed", (await GetAsync(service, "demo_200")).Mode);
    }

    [Fact]
    public async Task A_list_computed_before_an_upload_that_lands_before_the_swap_is_not_served()
    {
        await using var service = await RunningService.StartAsync(await MemoryRatingStore.WithDemoDataAsync(),
            "--Recs:SnapshotPath=", "--Recs:RateLimitPermitsPerSecond=100000", "--Recs:RateLimitBurst=100000");
        await service.WaitForTrainedModelAsync();
        await service.WaitForTrainingIdleAsync();
        var services = service.App.Services;
        var swap = services.GetRequiredService<ServingSwap>();
        var holder = services.GetRequiredService<ModelHolder>();
        var uploads = services.GetRequiredService<UploadedUsers>();
        var recommendations = services.GetRequiredService<RecommendationService>();
        string kept = People[0], uploader = People[1];
        foreach (string person in People[..2])
            Assert.Equal("computed", (await GetAsync(service, person)).Mode);
        await Task.Delay(1100);

        var serving = holder.Current!;
        var warm = swap.Prepare(serving.Trained!, serving.Data, DateTimeOffset.UtcNow);
        Assert.NotNull(warm);
        Assert.Contains(warm.Lists, l => l.Key == kept);
        Assert.Contains(warm.Lists, l => l.Key == uploader);
        Assert.All(warm.Lists, l => Assert.Equal(warm.Model.Version, l.Value.ModelVersion));
        // The uploader's new ratings commit after the lists were computed and before the swap.
        var data = serving.Data;
        int user = data.UserIndex[uploader];
        var films = data.FilmsOf(user).ToArray().Select(f => data.Films[f].Slug).Order(StringComparer.Ordinal).ToArray();
        uploads.Record(new UploadedUser(uploader, films, [.. Enumerable.Repeat(0.5f, films.Length)], [], data.Sequence + 1));

        var model = swap.ServeTrained(serving.Trained!, serving.Data, DateTimeOffset.UtcNow, warm);

        Assert.Same(warm.Model, model);
        Assert.Equal(RecommendationMode.UltraFast, recommendations.Recommend(kept, 20).Mode);
        Assert.Equal(RecommendationMode.Computed, recommendations.Recommend(uploader, 20).Mode);
    }

    [Fact]
    public async Task Data_served_anew_keeps_the_lists_computed_for_it_and_drops_them_for_other_data()
    {
        await using var service = await RunningService.StartAsync(await MemoryRatingStore.WithDemoDataAsync(),
            "--Recs:SnapshotPath=", "--Recs:RateLimitPermitsPerSecond=100000", "--Recs:RateLimitBurst=100000");
        await service.WaitForTrainedModelAsync();
        await service.WaitForTrainingIdleAsync();
        var services = service.App.Services;
        var swap = services.GetRequiredService<ServingSwap>();
        var holder = services.GetRequiredService<ModelHolder>();
        var recommendations = services.GetRequiredService<RecommendationService>();
        foreach (string person in People)
            Assert.Equal("computed", (await GetAsync(service, person)).Mode);
        var data = holder.Current!.Data;

        var warm = swap.PrepareData(data, null, DateTimeOffset.UtcNow);
        Assert.Equal(People.Length, warm.Lists.Count);
        var (model, _) = swap.ServeData(data, null, DateTimeOffset.UtcNow, warm);

        Assert.Same(warm.Model, model);
        Assert.All(People, p => Assert.Equal(RecommendationMode.UltraFast, recommendations.Recommend(p, 20).Mode));

        // Lists prepared for one data set are not cached with another: that swap starts from an empty cache.
        var stale = swap.PrepareData(data, null, DateTimeOffset.UtcNow);
        var other = DatasetMerge.Apply(data, data.Sequence + 1, [], new ChangedRatings(data), []);
        var (next, _) = swap.ServeData(other, null, DateTimeOffset.UtcNow, stale);
        Assert.NotSame(stale.Model, next);
        Assert.All(People, p => Assert.Equal(RecommendationMode.Computed, recommendations.Recommend(p, 20).Mode));
    }

    private static async Task<(string Mode, string Version)> GetAsync(RunningService service, string person)
    {
        using var response = await service.Http.GetAsync($"/api/recomendacoes/{person}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (doc.RootElement.GetProperty("mode").GetString()!, doc.RootElement.GetProperty("model_version").GetString()!);
    }
}
