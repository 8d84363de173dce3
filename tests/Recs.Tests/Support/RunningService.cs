using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Recs.Aot.Hosting;
using Recs.Aot.Http;
using Recs.Engine.Storage;

namespace Recs.Tests.Support;

/// <summary>The real Kestrel app on 127.0.0.1 with an ephemeral port, over a given store, plus an HTTP client for it.</summary>
internal sealed class RunningService : IAsyncDisposable
{
    private RunningService(WebApplication app, HttpClient http)
    {
        App = app;
        Http = http;
    }

    public WebApplication App { get; }
    public HttpClient Http { get; }

    public static async Task<RunningService> StartAsync(IRatingStore store, params string[] config)
    {
        // Snapshots stay off unless a test names its own file: the default path is shared by every service in the
        // process, and one test's snapshot must never be what another test's service starts from.
        string[] snapshots = config.Any(c => c.StartsWith("--Recs:SnapshotPath=", StringComparison.Ordinal)) ? [] : ["--Recs:SnapshotPath="];
        string[] args = ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", .. snapshots, .. config];
        var app = RecsApp.Build(args, store, new StoreTarget($"test {store.Kind}"));
        await app.StartAsync();
        var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
        return new RunningService(app, http);
    }

    /// <summary>Polls /health until the model is ready (or fails the test after <paramref name="seconds"/>).</summary>
    public Task WaitForModelAsync(int seconds = 60) =>
        WaitForHealthAsync(m => m.GetProperty("state").GetString() == "ready", "ready", seconds);

    /// <summary>Polls /health until the trained SVD model serves (the first answers come from the neighbourhood model).</summary>
    public Task WaitForTrainedModelAsync(int seconds = 120) =>
        WaitForHealthAsync(m => m.GetProperty("trained").GetProperty("serving").GetBoolean(), "trained", seconds);

    /// <summary>
    /// Polls /health until no training runs and the trained model serving was trained on exactly the data being served
    /// (so nothing is left for a retrain to do).
    /// </summary>
    public Task WaitForTrainingIdleAsync(int seconds = 120) =>
        WaitForHealthAsync(m => m.GetProperty("trained").GetProperty("training").GetString() == "idle"
            && m.GetProperty("trained").GetProperty("trained_data_sequence").GetInt64() == m.GetProperty("data_sequence").GetInt64(),
            "trained on the data it serves", seconds);

    /// <summary>Polls /health until <paramref name="done"/> holds for its "model" object (or fails the test after <paramref name="seconds"/>).</summary>
    public Task WaitForModelStateAsync(Func<JsonElement, bool> done, string what, int seconds = 120) => WaitForHealthAsync(done, what, seconds);

    private async Task WaitForHealthAsync(Func<JsonElement, bool> done, string what, int seconds)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        string last = "";
        while (DateTime.UtcNow < until)
        {
            using var response = await Http.GetAsync("/health");
            last = await response.Content.ReadAsStringAsync();
            using var doc = JsonDocument.Parse(last);
            if (done(doc.RootElement.GetProperty("model")))
                return;
            await Task.Delay(50);
        }
        Assert.Fail($"model was not {what} within {seconds}s; last /health: {last}");
    }

    public async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} → {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    public Task<T?> GetFromJsonAsync<T>(string path) => Http.GetFromJsonAsync<T>(path);
}
