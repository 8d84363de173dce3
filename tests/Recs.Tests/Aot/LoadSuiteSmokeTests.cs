using System.Diagnostics;
using Recs.Engine.Demo;
using Recs.Load;
using Xunit.Abstractions;

namespace Recs.Tests.Aot;

/// <summary>
/// The load suite (loadtests/Recs.Load) run for a few seconds per phase against the published binary serving the demo
/// catalogue: every phase, retrain included, must get only the answers its scenarios expect and no errors. The full
/// run with latency and memory thresholds is loadtests/run.sh.
/// </summary>
public sealed class LoadSuiteSmokeTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Load_suite_smoke_run_gets_only_expected_answers_in_every_phase()
    {
        string? binary = Environment.GetEnvironmentVariable("RECS_AOT_BINARY");
        Skip.If(string.IsNullOrEmpty(binary),
            "RECS_AOT_BINARY is not set: publish with `dotnet publish src/Recs.Aot -c Release -r linux-x64 -o artifacts/aot` "
            + "and export RECS_AOT_BINARY=$PWD/artifacts/aot/recs to run the load suite's smoke run");
        Assert.True(File.Exists(binary), $"RECS_AOT_BINARY points at {binary}, which does not exist");

        var clock = Stopwatch.StartNew();
        // The limiter is raised as in loadtests/run.sh: the suite measures the service, not the limiter.
        await using var recs = await RecsProcess.StartAsync(binary, TimeSpan.FromSeconds(30),
            "--demo", "--Recs:RateLimitPermitsPerSecond=10000000", "--Recs:RateLimitBurst=10000000", "--Logging:LogLevel:Default=Warning");
        await WaitForTrainedModelAsync(recs, TimeSpan.FromSeconds(60));

        var users = Enumerable.Range(0, DemoCatalogue.UserCount).Select(u => $"{DemoCatalogue.UserPrefix}{u:D3}").ToList();
        var films = DemoCatalogue.Films().Select(f => f.Slug).ToList();
        var settings = SuiteSettings.Smoke(recs.Http.BaseAddress!, users, films, recs.Id);
        using var log = new StringWriter();
        var run = await new LoadSuite(settings, Thresholds.Smoke, log).RunAsync();
        string report = MarkdownReport.Render(run);
        output.WriteLine(report);
        output.WriteLine($"whole test {clock.Elapsed.TotalSeconds:0.0} s");

        var silent = run.Phases.SelectMany(p => p.Scenarios).Where(s => s.Requests == 0).Select(s => $"{s.Phase}/{s.Scenario}").ToList();
        Assert.True(silent.Count == 0, $"scenarios that sent nothing: {string.Join(", ", silent)}\n{report}");
        var failed = run.Checks.Where(c => !c.Passed).Select(c => $"{c.Phase}/{c.Scenario}: {c.Rule}, measured {c.Measured}").ToList();
        Assert.True(failed.Count == 0, $"the smoke run failed {failed.Count} checks:\n{string.Join('\n', failed)}\n{report}\n{recs.Output}");
        Assert.True(run.Phases.All(p => p.ResidentSamples > 0), $"the server's memory was not sampled in every phase:\n{report}");
        // The peak's parts come from the same reading: the heaps are anonymous, the binary's pages file-backed, and
        // the two add up to the whole but for shared memory (none here beyond a few pages).
        var unsplit = run.Phases.Where(p => p.PeakAnonymousBytes <= 0 || p.PeakFileBytes <= 0
            || System.Math.Abs(p.MaxResidentBytes - p.PeakAnonymousBytes - p.PeakFileBytes) > 1024 * 1024).Select(p => p.Name).ToList();
        Assert.True(unsplit.Count == 0, $"phases whose peak is not split into anonymous and file-backed memory: {string.Join(", ", unsplit)}\n{report}");
        // Beside each peak, the server's own account of its memory (GET /api/memory, allowed from loopback here).
        var unaccounted = run.Phases.Where(p => p.PeakAccount is not { CommittedBytes: > 0, ModelBytes: > 0 } account
            || account.CommittedBytes > p.MaxResidentBytes).Select(p => p.Name).ToList();
        Assert.True(unaccounted.Count == 0, $"phases whose peak has no plausible account from the server: {string.Join(", ", unaccounted)}\n{report}");
        Assert.Contains("the server's own account", report);
    }

    private static async Task WaitForTrainedModelAsync(RecsProcess recs, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        string last = "";
        while (clock.Elapsed < within)
        {
            // /health answers 503 until a model serves, so the body is read whatever the status.
            using (var response = await recs.Http.GetAsync("/health"))
                last = await response.Content.ReadAsStringAsync();
            if (last.Contains("\"serving\":true", StringComparison.Ordinal))
                return;
            await Task.Delay(100);
        }
        Assert.Fail($"the trained model did not serve within {within.TotalSeconds:0} s; last /health: {last}\n{recs.Output}");
    }
}
