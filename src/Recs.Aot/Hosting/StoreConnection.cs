using Microsoft.Extensions.Options;
using Recs.Engine.Demo;
using Recs.Engine.Storage;
using Recs.Storage;

namespace Recs.Aot.Hosting;

/// <summary>
/// Brings the store up for serving: connects and migrates under <see cref="Retry"/> (never giving up: after the
/// configured attempts it keeps trying at the slowest pace), seeds the demo catalogue when asked, moves exclusions
/// kept by earlier versions, and learns the store's identity, which data snapshots carry so that a snapshot of one
/// database is never taken for another's.
/// </summary>
public sealed class StoreConnection(
    IRatingStore store, StoreStatus storeStatus, ModelState modelState, IOptions<RecsOptions> options, ILogger<StoreConnection> log)
{
    /// <summary>The meta key holding the store's identity, written once by the first service that finds none.</summary>
    public const string IdentityKey = "store_id";

    private readonly RecsOptions _options = options.Value;

    /// <summary>
    /// How the service waits for its store, at start-up and for its first read: never giving up, growing waits for
    /// <see cref="RecsOptions.ConnectAttempts"/> attempts, then every <see cref="StoreRetryPolicy.MaxDelay"/>.
    /// </summary>
    public StoreRetryPolicy Retry { get; } = new()
    {
        MaxAttempts = options.Value.ConnectAttempts,
        InitialDelay = TimeSpan.FromMilliseconds(250),
        MaxDelay = TimeSpan.FromSeconds(15),
        UntilCancelled = true,
    };

    /// <summary>The store's identity once <see cref="OpenAsync"/> has read it; null before.</summary>
    public string? Identity { get; private set; }

    /// <summary>Connects, migrates and prepares the store; returns its identity. Only cancellation ends the retries.</summary>
    public async Task<string> OpenAsync(CancellationToken ct)
    {
        await Retry.RunAsync(MigrateAsync, failure =>
        {
            storeStatus.MarkFailed(failure.Error);
            log.LogWarning("store: {Attempt} to reach {Kind} failed; next try in {Delay:0.0}s", failure, store.Kind, failure.NextDelay.TotalSeconds);
        }, ct);
        await SeedDemoIfEmptyAsync(ct);
        await MoveLegacyExclusionsAsync(ct);
        return Identity = await Retry.RunAsync(IdentityAsync, failure =>
        {
            storeStatus.MarkFailed(failure.Error);
            log.LogWarning("store: reading its identity failed ({Attempt})", failure);
        }, ct);
    }

    private async Task MigrateAsync(CancellationToken ct)
    {
        await store.MigrateAsync(ct);
        storeStatus.MarkConnected();
        log.LogInformation("store: connected to {Kind}", store.Kind);
    }

    // Two services starting on an empty database at once may both write an identity; the one written last stands and
    // the other's snapshot simply fails the identity check at its next start (a full read, never wrong data).
    private async Task<string> IdentityAsync(CancellationToken ct)
    {
        if (await store.GetMetaAsync(IdentityKey, ct) is { Length: > 0 } known)
            return known;
        await store.SetMetaAsync(IdentityKey, Guid.NewGuid().ToString("N"), ct);
        return await store.GetMetaAsync(IdentityKey, ct) ?? throw new InvalidOperationException("the store identity was not kept");
    }

    private async Task MoveLegacyExclusionsAsync(CancellationToken ct)
    {
        try
        {
            await LegacyExclusions.MigrateAsync(store, log, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // They stay where they are and are moved at the next start; serving does not wait for them.
            log.LogWarning("store: moving earlier exclusions failed, will retry at the next start: {Error}", e.Message);
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
}
