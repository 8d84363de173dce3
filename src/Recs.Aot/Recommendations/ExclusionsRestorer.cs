using Recs.Engine.Serving;
using Recs.Engine.Storage;

namespace Recs.Aot.Recommendations;

/// <summary>
/// After start-up, once the first model is loaded, reads the watched/watchlist exclusions that earlier uploads stored
/// and puts them back into <see cref="UploadedUsers"/>, so a restart does not bring watched films back into anyone's list.
/// The ratings themselves need no restoring: they are in the store, hence in the model.
/// </summary>
public sealed class ExclusionsRestorer(IRatingStore store, ModelHolder holder, UploadedUsers uploads, ILogger<ExclusionsRestorer> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wait = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (holder.Current is not null)
                {
                    int restored = await RestoreAsync(stoppingToken);
                    if (restored > 0)
                        log.LogInformation("uploads: restored the watched/watchlist exclusions of {Users} people", restored);
                    return;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("uploads: restoring exclusions failed, will retry: {Error}", e.Message);
                wait = TimeSpan.FromSeconds(System.Math.Min(60, wait.TotalSeconds * 2 + 1));
            }
            await Task.Delay(wait, stoppingToken);
        }
    }

    private async Task<int> RestoreAsync(CancellationToken ct)
    {
        string users = await store.GetMetaAsync(RatingsUploadService.ExcludedUsersKey, ct) ?? "";
        int restored = 0;
        foreach (string user in users.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string slugs = await store.GetMetaAsync(RatingsUploadService.ExclusionsKey(user), ct) ?? "";
            // No model version: the person's ratings come from the model; only the exclusions are carried.
            // An upload that arrived since start-up is newer than what is stored, so it is kept.
            if (uploads.TryAdd(new UploadedUser(user, [], [], slugs.Split('\n', StringSplitOptions.RemoveEmptyEntries), modelVersion: "")))
                restored++;
        }
        return restored;
    }
}
