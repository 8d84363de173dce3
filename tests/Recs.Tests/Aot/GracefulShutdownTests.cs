using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Recs.Engine.Data;
using Recs.Engine.Demo;
using Recs.Engine.Model;
using Recs.Storage.Sqlite;
using Recs.Tests.Http;
using Recs.Tests.Support;
using Xunit.Abstractions;

namespace Recs.Tests.Aot;

/// <summary>
/// The published binary stopped the way a container runtime stops it, with SIGTERM, in the middle of traffic: what was
/// already sent is answered, the process exits 0 promptly, and the data folder holds no half-written snapshot.
/// </summary>
public sealed class GracefulShutdownTests(ITestOutputHelper output)
{
    private const int Readers = 4;
    private const int HeldUploads = 2;
    private const int MinReadsBeforeSignal = 100;
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(10);

    [SkippableFact]
    public async Task Sigterm_under_load_answers_requests_in_flight_exits_0_and_leaves_only_the_final_snapshot()
    {
        string? binary = Environment.GetEnvironmentVariable("RECS_AOT_BINARY");
        Skip.If(string.IsNullOrEmpty(binary),
            "RECS_AOT_BINARY is not set: publish with `dotnet publish src/Recs.Aot -c Release -r linux-x64 -o artifacts/aot` "
            + "and export RECS_AOT_BINARY=$PWD/artifacts/aot/recs to run the graceful shutdown test");
        Assert.True(File.Exists(binary), $"RECS_AOT_BINARY points at {binary}, which does not exist");

        var total = Stopwatch.StartNew();
        await using var recs = await RecsProcess.StartAsync(binary, TimeSpan.FromSeconds(30),
            "--demo", "--Recs:RateLimitPermitsPerSecond=100000", "--Recs:RateLimitBurst=100000");
        await WaitForTrainedModelAsync(recs, TimeSpan.FromSeconds(60));
        string snapshot = Path.Combine(recs.DataFolder, "model.snapshot");
        await WaitUntilAsync(() => Task.FromResult(File.Exists(snapshot)), TimeSpan.FromSeconds(10), () => $"no snapshot at {snapshot} after training:\n{recs.Output}");
        output.WriteLine($"trained model serving after {total.Elapsed.TotalSeconds:0.0}s");

        var clock = Stopwatch.StartNew();
        var reads = new ConcurrentQueue<ObservedRequest>();
        using var stopReads = new CancellationTokenSource();
        var readLoops = Enumerable.Range(0, Readers).Select(i => ReadLoopAsync(recs.Http, clock, reads, i, stopReads.Token)).ToList();

        // Uploads whose bodies are half sent when the signal comes: requests the server is in the middle of.
        var films = DemoCatalogue.Films();
        var held = Enumerable.Range(0, HeldUploads).Select(i => new HeldBackContent(
            Encoding.UTF8.GetBytes(LetterboxdExportBuilder.RatingsCsv(films.Skip(i * 40).Take(20).Select(f => (f, 4.5f)))), "text/csv")).ToList();
        using var uploadClient = new HttpClient { BaseAddress = recs.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
        var uploads = held.Select((content, i) => ObservedRequest.SendAsync(uploadClient,
            new HttpRequestMessage(HttpMethod.Post, $"/api/users/leaving_{i}/ratings") { Content = content }, clock)).ToList();

        await Task.Delay(TimeSpan.FromSeconds(2));
        // On a busy machine two seconds may carry only a few dozen reads: the signal waits for the load to be running.
        await WaitUntilAsync(() => Task.FromResult(reads.Count(r => r.Status == 200) >= MinReadsBeforeSignal), TimeSpan.FromSeconds(30),
            () => $"only {reads.Count(r => r.Status == 200)} reads were answered in 30 s:\n{recs.Output}");
        await Task.WhenAll(held.Select(h => h.HalfSent)).WaitAsync(TimeSpan.FromSeconds(5));
        // A training running when the signal comes must neither hold the exit up nor leave a temporary file behind.
        using (var retrain = await recs.Http.PostAsync("/api/admin/retrain", null))
            Assert.Equal(HttpStatusCode.Accepted, retrain.StatusCode);
        await WaitUntilAsync(async () => (await TrainedModelAsync(recs)).GetProperty("training").GetString() == "training",
            TimeSpan.FromSeconds(5), () => $"the requested retraining never showed in /health:\n{recs.Output}");

        var signalled = clock.Elapsed;
        recs.Terminate();
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        foreach (var content in held)
            content.Release();
        bool exited = await recs.WaitForExitAsync(ExitDeadline);
        var exitedAt = clock.Elapsed;
        await stopReads.CancelAsync();
        await Task.WhenAll(readLoops);
        var uploaded = await Task.WhenAll(uploads);

        var all = reads.ToList();
        output.WriteLine($"SIGTERM at {signalled.TotalSeconds:0.000}s, exit after {(exitedAt - signalled).TotalSeconds:0.000}s; "
            + $"{all.Count} reads ({all.Count(r => r.Sent < signalled)} before the signal, {all.Count(r => r.Failure is not null)} without an answer)");
        Assert.True(exited, $"recs did not exit within {ExitDeadline.TotalSeconds:0}s of SIGTERM:\n{recs.Output}");
        Assert.True(recs.ExitCode == 0, $"recs exited with {recs.ExitCode} after SIGTERM:\n{recs.Output}");

        foreach (var upload in uploaded)
            Assert.True(upload.Status == 201, $"an upload in flight at SIGTERM must be answered, not cut: {upload}\n{recs.Output}");
        var errors = all.Where(r => r.Status >= 500).ToList();
        Assert.True(errors.Count == 0, $"reads got 5xx around the shutdown:\n{string.Join('\n', errors.Take(8))}");
        var lost = all.Where(r => r.Sent < signalled && r.Status != 200).ToList();
        Assert.True(lost.Count == 0, $"reads sent before SIGTERM were not answered:\n{string.Join('\n', lost.Take(8))}");
        Assert.True(all.Count(r => r.Status == 200) >= MinReadsBeforeSignal, $"only {all.Count(r => r.Status == 200)} reads were answered; the load did not run");

        var left = Directory.GetFiles(recs.DataFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.True(!left.Any(f => f!.EndsWith(".tmp", StringComparison.Ordinal)
                || (f.StartsWith("model.snapshot", StringComparison.Ordinal) && f is not "model.snapshot" and not "model.snapshot.data")),
            $"a temporary snapshot was left in the data folder: {string.Join(", ", left)}");
        var trained = ModelSnapshot.Load(snapshot);
        // Both snapshots are whole: the data one too, or the next start would reject it and read everything.
        var (_, data) = DatasetSnapshot.Load(snapshot + ".data");
        Assert.True(data.FilmCount == DemoCatalogue.FilmCount, $"the final data snapshot holds {data.FilmCount} films");
        Assert.True(trained.Header.FilmCount == DemoCatalogue.FilmCount, $"the final snapshot holds {trained.Header.FilmCount} films");

        // The uploads answered during the shutdown were written before the store closed.
        await using var store = new SqliteRatingStore(Path.Combine(recs.DataFolder, "recs.db"));
        var stored = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var rating in store.ReadAllRatingsAsync())
        {
            if (rating.Username.StartsWith("leaving_", StringComparison.Ordinal))
                stored[rating.Username] = stored.GetValueOrDefault(rating.Username) + 1;
        }
        for (int i = 0; i < HeldUploads; i++)
            Assert.True(stored.GetValueOrDefault($"leaving_{i}") == 20, $"leaving_{i} has {stored.GetValueOrDefault($"leaving_{i}")} of 20 ratings stored");
        output.WriteLine($"whole test {total.Elapsed.TotalSeconds:0.0}s");
    }

    private static async Task ReadLoopAsync(HttpClient http, Stopwatch clock, ConcurrentQueue<ObservedRequest> reads, int loop, CancellationToken stop)
    {
        var random = new Random(3000 + loop);
        while (!stop.IsCancellationRequested)
        {
            string path = $"/api/recomendacoes/{DemoCatalogue.UserPrefix}{random.Next(DemoCatalogue.UserCount):D3}?limit={1 + random.Next(50)}";
            var read = await ObservedRequest.SendAsync(http, new HttpRequestMessage(HttpMethod.Get, path), clock);
            reads.Enqueue(read);
            // Once the listener is gone every try fails at once; pausing keeps the loop from spinning.
            await Task.Delay(read.Failure is null ? 2 : 50);
        }
    }

    private static Task WaitForTrainedModelAsync(RecsProcess recs, TimeSpan within) =>
        WaitUntilAsync(async () => (await TrainedModelAsync(recs)).GetProperty("serving").GetBoolean(),
            within, () => $"the trained model did not serve within {within.TotalSeconds:0}s:\n{recs.Output}");

    // /health's model.trained: whether a trained model serves and whether a training is running.
    private static async Task<JsonElement> TrainedModelAsync(RecsProcess recs)
    {
        using var response = await recs.Http.GetAsync("/health");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("model").GetProperty("trained").Clone();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done, TimeSpan within, Func<string> failure)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            if (await done())
                return;
            await Task.Delay(20);
        }
        Assert.Fail(failure());
    }
}
