using System.Text.Json;
using Recs.Storage.Import;
using Recs.Tests.Aot;
using Recs.Tests.Storage;
using Recs.Tests.Support;

namespace Recs.Tests.Browser;

/// <summary>
/// The service a page test browses, on 127.0.0.1 over a fresh embedded store: the AOT binary when
/// $RECS_AOT_BINARY names it (as ./test.sh sets it), else the same app in-process. Ready once a trained model serves.
/// </summary>
internal sealed class PageService : IAsyncDisposable
{
    private readonly IAsyncDisposable[] _owned;

    private PageService(Uri baseAddress, string kind, params IAsyncDisposable[] owned)
    {
        BaseAddress = baseAddress;
        Kind = kind;
        _owned = owned;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    /// <summary>"AOT binary" or "in-process", for messages.</summary>
    public string Kind { get; }

    /// <summary>A client of the same service, to compare what the page shows with what the API answers.</summary>
    public HttpClient Http { get; }

    private static string? AotBinaryPath => Environment.GetEnvironmentVariable("RECS_AOT_BINARY") is { Length: > 0 } path ? path : null;

    /// <summary>The service seeded with the demo catalogue (480 films, users demo_000 … demo_299).</summary>
    public static async Task<PageService> StartWithDemoDataAsync()
    {
        PageService service;
        if (AotBinaryPath is { } binary)
        {
            var process = await RecsProcess.StartAsync(binary, TimeSpan.FromSeconds(60), "--demo");
            service = new PageService(process.Http.BaseAddress!, "AOT binary", process);
        }
        else
        {
            var store = new TemporarySqliteStore();
            var running = await RunningService.StartAsync(store.Store, "--Recs:Demo=true");
            service = new PageService(running.Http.BaseAddress!, "in-process", running, store);
        }
        await service.WaitForTrainedModelAsync();
        return service;
    }

    /// <summary>The service over the MovieLens folder <paramref name="folder"/>, imported before it starts.</summary>
    public static async Task<PageService> StartWithMovieLensAsync(string folder)
    {
        PageService service;
        if (AotBinaryPath is { } binary)
        {
            string home = RecsProcess.NewFolder();
            var (exitCode, output) = await RecsProcess.RunAsync(binary, home, TimeSpan.FromMinutes(2), "import", "movielens", folder);
            Assert.True(exitCode == 0, $"recs import movielens {folder} exited with {exitCode}:\n{output}");
            var process = await RecsProcess.StartInAsync(binary, home, TimeSpan.FromSeconds(60));
            service = new PageService(process.Http.BaseAddress!, "AOT binary", process);
        }
        else
        {
            var store = new TemporarySqliteStore();
            await store.Store.MigrateAsync();
            await Importer.ImportMovieLensAsync(store.Store, folder);
            var running = await RunningService.StartAsync(store.Store);
            service = new PageService(running.Http.BaseAddress!, "in-process", running, store);
        }
        await service.WaitForTrainedModelAsync();
        return service;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        foreach (var owned in _owned)
            await owned.DisposeAsync();
    }

    private async Task WaitForTrainedModelAsync()
    {
        var until = DateTime.UtcNow.AddSeconds(120);
        string last = "";
        while (DateTime.UtcNow < until)
        {
            using var response = await Http.GetAsync("/health");
            last = await response.Content.ReadAsStringAsync();
            using var health = JsonDocument.Parse(last);
            if (health.RootElement.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.Object
                && model.TryGetProperty("trained", out var trained)
                && trained.ValueKind == JsonValueKind.Object && trained.GetProperty("serving").GetBoolean())
                return;
            await Task.Delay(100);
        }
        Assert.Fail($"the {Kind} service had no trained model within 120 s; last /health: {last}");
    }
}
