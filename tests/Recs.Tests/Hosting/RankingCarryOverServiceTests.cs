using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Recs.Engine.Model;
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
        await using var service = await RunningService.StartAsync(store, "--Recs:AdminToken=secret");
        var holder = service.App.Services.GetRequiredService<ModelHolder>();
        var first = await TrainedAsync(holder, previous: null);
        Assert.NotNull(first.Ranking);
        Assert.True(first.Ranking.ValidatedAtRatings > 0, "the first training validated nothing");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/retrain");
        request.Headers.Authorization = new("Bearer", "secret");
        using (var response = await service.Http.SendAsync(request))
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var second = await TrainedAsync(holder, previous: first);

        Assert.Equal(first.Ranking, second.Ranking);
    }

    private static async Task<TrainedModel> TrainedAsync(ModelHolder holder, TrainedModel? previous)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            if (holder.Current?.Trained is { } trained && !ReferenceEquals(trained, previous))
                return trained;
            await Task.Delay(50);
        }
        throw new TimeoutException(previous is null ? "no model was trained within 90 s" : "the retrain served no new model within 90 s");
    }
}
