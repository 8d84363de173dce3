using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Recs.Engine.Serving;
using Recs.Tests.Support;

namespace Recs.Tests.Hosting;

/// <summary>The service's retrain hands the serving model's ranking choice to the training.</summary>
public sealed class RankingCarryOverServiceTests
{
    [Fact]
    public async Task A_retrain_on_the_same_data_carries_the_serving_models_ranking_choice_over()
    {
        var store = await MemoryRatingStore.WithDemoDataAsync();
        await using var service = await RunningService.StartAsync(store);
        var holder = service.App.Services.GetRequiredService<ModelHolder>();
        await service.WaitForTrainedModelAsync();
        var first = holder.Current!.Trained!;
        Assert.NotNull(first.Ranking);
        Assert.True(first.Ranking.ValidatedAtRatings > 0, "the first training validated nothing");

        using (var response = await service.Http.PostAsync("/api/admin/retrain", null))
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        // The training time, not the version: a version names the second and the data, which a quick retrain of the
        // same data can share with the model it replaces.
        await service.WaitForModelStateAsync(
            m => m.GetProperty("trained").GetProperty("trained_at").GetDateTimeOffset() != first.Header.TrainedAt, "retrained", 90);

        var second = holder.Current!.Trained!;
        Assert.NotSame(first, second);
        Assert.Equal(first.Ranking, second.Ranking);
    }
}
