using Microsoft.Extensions.Options;
using Recs.Aot.Recommendations;
using Recs.Engine.Data;
using Recs.Engine.Demo;
using Recs.Engine.Serving;
using Recs.Engine.Storage;
using Recs.Storage;

namespace Recs.Aot.Hosting;

/// <summary>
/// Background start-up and refresh: connects to the store with retry and backoff (the service answers /ping and a
/// degraded /health meanwhile), seeds the demo catalogue when asked, then builds the in-memory model and keeps it fresh.
/// </summary>
public sealed class ModelLoader(
    IRatingStore store, ModelHolder holder, StoreStatus storeStatus, ModelState modelState,
    RecommendationCache cache, IOptions<RecsOptions> options, ILogger<ModelLoader> log) : BackgroundService
{
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private static readonly StoreRetryOptions Backoff = new() { InitialDelay = TimeSpan.FromMilliseconds(250), MaxDelay = TimeSpan.FromSeconds(15) };
    private readonly RecsOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ConnectAsync(stoppingToken);
            await SeedDemoIfEmptyAsync(stoppingToken);
            await ReloadAsync(stoppingToken);
            if (_options.RefreshMinutes <= 0)
                return;
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(_options.RefreshMinutes));
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await ReloadAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ConnectAsync(CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await store.MigrateAsync(ct);
                storeStatus.MarkConnected();
                log.LogInformation("store: connected to {Kind} on attempt {Attempt}", store.Kind, attempt);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                storeStatus.MarkFailed(e);
                // The service never gives up on its database: after the configured attempts it keeps trying at the slowest pace.
                var delay = Backoff.DelayAfter(attempt);
                log.LogWarning("store: attempt {Attempt}/{Max} to reach {Kind} failed: {Error}; next try in {Delay:0.0}s",
                    attempt, _options.ConnectAttempts, store.Kind, e.Message, delay.TotalSeconds);
                await Task.Delay(attempt >= _options.ConnectAttempts ? Backoff.MaxDelay : delay, ct);
            }
        }
    }

    private async Task SeedDemoIfEmptyAsync(CancellationToken ct)
    {
        try
        {
            modelState.DemoData = await store.GetMetaAsync("demo", ct) == "true";
            if (!_options.Demo || (await store.CountAsync(ct)).Ratings > 0)
                return;
            log.LogInformation("store: empty, seeding the synthetic demo catalogue ({Films} films, {Users} users)",
                DemoCatalogue.FilmCount, DemoCatalogue.UserCount);
            await store.UpsertFilmsAsync(DemoCatalogue.Films(), ct);
            await store.UpsertRatingsAsync(DemoCatalogue.Ratings(), ct);
            await store.SetMetaAsync("demo", "true", ct);
            modelState.DemoData = true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError("store: demo seeding failed: {Error}", e.Message);
        }
    }

    /// <summary>Rebuilds the model from the store and swaps it in; on failure the previous model keeps serving.</summary>
    public async Task ReloadAsync(CancellationToken ct)
    {
        await _reloadGate.WaitAsync(ct);
        try
        {
            modelState.Loading();
            var started = DateTimeOffset.UtcNow;
            var builder = new RatingsDatasetBuilder();
            foreach (var film in await store.LoadFilmsAsync(ct))
                builder.AddFilm(film);
            await foreach (var rating in store.ReadAllRatingsAsync(ct))
                builder.AddRating(rating);
            var data = builder.Build();
            var model = new ServingModel(data, $"nbr-{started:yyyyMMddHHmmss}-{data.RatingCount}", started);
            holder.Swap(model);
            cache.Clear();
            storeStatus.MarkConnected();
            modelState.Ready();
            log.LogInformation("model: {Version} ready ({Users} users, {Films} films, {Ratings} ratings) in {Seconds:0.00}s",
                model.Version, data.UserCount, data.FilmCount, data.RatingCount, (DateTimeOffset.UtcNow - started).TotalSeconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            modelState.Failed(e, holder.Current is not null);
            storeStatus.MarkFailed(e);
            log.LogError("model: reload failed, previous model kept: {Error}", e.Message);
        }
        finally
        {
            _reloadGate.Release();
        }
    }
}
