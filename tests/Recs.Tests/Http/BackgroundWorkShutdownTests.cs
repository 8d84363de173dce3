using Microsoft.Extensions.DependencyInjection;
using Recs.Aot.Hosting;
using Recs.Aot.Recommendations;
using Recs.Engine.Demo;
using Recs.Engine.Model;
using Recs.Tests.Storage;
using Recs.Tests.Support;

namespace Recs.Tests.Http;

/// <summary>
/// Background work ends with the service: a preload or a training in progress when it stops is stopped and waited
/// for, instead of writing to a released cache or saving snapshots after the service is gone.
/// </summary>
public sealed class BackgroundWorkShutdownTests
{
    [Fact]
    public async Task Stopping_the_service_stops_a_running_preload_and_waits_for_it()
    {
        await using var store = new TemporarySqliteStore();
        var service = await RunningService.StartAsync(store.Store, ServiceFixture.Settings);
        PreloadCoordinator preload;
        try
        {
            await service.WaitForTrainedModelAsync();
            preload = service.App.Services.GetRequiredService<PreloadCoordinator>();
            using var started = await service.GetJsonAsync("/api/preload?count=1000");
            Assert.Equal("running", started.RootElement.GetProperty("state").GetString());
        }
        finally
        {
            await service.DisposeAsync();
        }
        var after = preload.Progress();
        Assert.Equal("done", after.State);
        Assert.True(after.Failed == 0, $"{after.Failed} users failed while the service stopped (a run that outlives the cache fails them all)");
    }

    [Fact]
    public async Task Stopping_the_service_abandons_a_training_in_progress_and_waits_for_it()
    {
        await using var store = new TemporarySqliteStore();
        var service = await RunningService.StartAsync(store.Store, ServiceFixture.Settings);
        TrainingLoop trainer;
        try
        {
            await service.WaitForTrainedModelAsync();
            trainer = service.App.Services.GetRequiredService<TrainingLoop>();
            // Queued directly, so the training is known to be running when the service is told to stop.
            trainer.Queue(DemoCatalogue.Dataset(), force: true);
            Assert.False(trainer.Running.IsCompleted, "the training finished before the service was stopped; nothing was tested");
        }
        finally
        {
            await service.DisposeAsync();
        }
        Assert.True(trainer.Running.IsCompleted, "a training still runs after the service stopped");
    }

    [Fact]
    public void A_cancelled_training_throws_instead_of_returning_a_model()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() =>
            ModelTrainer.Train(DemoCatalogue.Dataset(), new ModelTrainingOptions(), DateTimeOffset.UtcNow, cancellation: cancelled.Token));
    }
}
