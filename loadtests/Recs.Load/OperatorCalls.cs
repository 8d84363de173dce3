using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Recs.Load;

/// <summary>The operator endpoints the suite drives around its phases (served without a token on loopback).</summary>
internal sealed class OperatorCalls(HttpClient http)
{
    /// <summary>
    /// Computes and caches every user's list once (<c>GET /api/cache/{user}</c>) on <paramref name="connections"/>
    /// connections, so the cached scenarios that follow find every list; returns a line for the report.
    /// </summary>
    public async Task<string> WarmCacheAsync(IReadOnlyList<string> users, int connections)
    {
        var clock = Stopwatch.StartNew();
        int next = -1;
        int failed = 0;

        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < users.Count)
            {
                try
                {
                    using var response = await http.GetAsync($"/api/cache/{users[i]}").ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode)
                        Interlocked.Increment(ref failed);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Worker())).ConfigureAwait(false);
        return string.Create(CultureInfo.InvariantCulture,
            $"cache warmed for {users.Count} users in {clock.Elapsed.TotalSeconds:0.0} s ({failed} failed)");
    }

    /// <summary>Asks for a training (<c>POST /api/admin/retrain</c>); returns the status code.</summary>
    public async Task<int> RetrainAsync()
    {
        using var response = await http.PostAsync("/api/admin/retrain", null).ConfigureAwait(false);
        return (int)response.StatusCode;
    }

    /// <summary>The trained model's version and training state from <c>/health</c>.</summary>
    public async Task<(string? Version, string? Training)> TrainedModelAsync()
    {
        using var response = await http.GetAsync("/health").ConfigureAwait(false);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStreamAsync().ConfigureAwait(false));
        if (!doc.RootElement.TryGetProperty("model", out var model) || !model.TryGetProperty("trained", out var trained)
            || trained.ValueKind != JsonValueKind.Object)
            return (null, null);
        return (trained.GetProperty("version").GetString(), trained.GetProperty("training").GetString());
    }

    /// <summary>Waits (at most <paramref name="within"/>) until no training runs; returns the trained version then.</summary>
    public async Task<string?> WaitForIdleTrainingAsync(TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (version, training) = await TrainedModelAsync().ConfigureAwait(false);
            if (training is not "training" and not "queued" || clock.Elapsed > within)
                return version;
            await Task.Delay(200).ConfigureAwait(false);
        }
    }
}
