using System.Diagnostics;
using System.Globalization;

namespace Recs.Load;

/// <summary>
/// Runs every phase of <see cref="Scenarios"/> against one server, sampling its resident memory throughout, and checks
/// the figures against <see cref="Thresholds"/>. Progress goes to <paramref name="log"/>; the figures to the result.
/// </summary>
internal sealed class LoadSuite(SuiteSettings settings, Thresholds limits, TextWriter log)
{
    public async Task<SuiteResult> RunAsync()
    {
        var started = DateTimeOffset.UtcNow;
        int pid = settings.ServerPid ?? ListeningProcess.Find(settings.BaseAddress.Port)
            ?? throw new InvalidOperationException($"no process visible to this user listens on port {settings.BaseAddress.Port}; pass --pid");
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            // Enough for the open loop's in-flight requests at the rates it runs; beyond it requests queue in the
            // handler, which the open loop's latency (counted from the schedule) still shows.
            MaxConnectionsPerServer = 256,
        };
        using var http = new HttpClient(handler) { BaseAddress = settings.BaseAddress, Timeout = settings.RequestTimeout };
        var context = new RequestContext(settings);
        var sender = new RequestSender(http, context);
        var calls = new OperatorCalls(http);
        await using var account = new ServerMemoryPoller(http);
        await using var memory = new ResidentMemorySampler(pid, () => account.Latest);

        await WarmUpAsync(sender, context, memory);
        var phases = new List<PhaseResult>();
        var planned = settings.Compare is { } target ? CompareScenarios.Phases(settings, target) : Scenarios.Phases(settings);
        foreach (var phase in planned)
            phases.Add(await RunPhaseAsync(OpenRate.Resolve(phase, phases, settings.OpenFraction), context, sender, calls, memory));
        return new SuiteResult(started, settings.BaseAddress.ToString(), pid, Machine(), phases, ThresholdEvaluator.Evaluate(phases, limits));
    }

    // Unreported: the client's code is compiled and its connections opened before anything is measured.
    private async Task WarmUpAsync(RequestSender sender, RequestContext context, ResidentMemorySampler memory)
    {
        memory.Enter("warm-up");
        // A compare run warms up on /ping only: its cached lists do not exist yet, and the peer's other answers take seconds.
        var phase = settings.Compare is null
            ? Phase.Closed("warm-up", settings.Connections, settings.WarmUp, new(Scenarios.Ping, 1), new(Scenarios.Cached, 1))
            : Phase.Closed("warm-up", settings.Connections, settings.WarmUp, new WeightedScenario(Scenarios.Ping, 1));
        await ClosedLoopDriver.RunAsync(phase, new PhaseMix(phase, context), sender);
    }

    private async Task<PhaseResult> RunPhaseAsync(Phase phase, RequestContext context, RequestSender sender, OperatorCalls calls, ResidentMemorySampler memory)
    {
        memory.Enter(phase.Name);
        var notes = new List<string>();
        if (phase.WarmCache)
            notes.Add(await calls.WarmCacheAsync(settings.Users, Math.Min(settings.Connections, 8)));
        log.WriteLine($"{phase.Name}: {phase.Target} for {phase.Duration.TotalSeconds:0} s");

        var mix = new PhaseMix(phase, context);
        var cpu = CpuUse.Measure(memory.Pid);
        var clock = Stopwatch.StartNew();
        SendLag lag = SendLag.None;
        if (phase.Shape == LoadShape.Open)
        {
            Func<Task>? halfway = phase.RetrainHalfway ? () => RetrainAsync(calls, clock, notes) : null;
            string? before = phase.RetrainHalfway ? (await calls.TrainedModelAsync()).Version : null;
            lag = await OpenLoopDriver.RunAsync(phase, mix, sender, halfway);
            if (phase.RetrainHalfway)
            {
                // Waits for the training to finish so the next phase (or the end of the run) is not measured against it.
                string? after = await calls.WaitForIdleTrainingAsync(TimeSpan.FromSeconds(60));
                notes.Add($"trained model {before} -> {after}{(before == after ? " (no new model by the end of the phase)" : "")}");
            }
        }
        else
        {
            await ClosedLoopDriver.RunAsync(phase, mix, sender);
        }
        var used = cpu();
        var elapsed = phase.Shape == LoadShape.Open ? TimeSpan.FromSeconds(Math.Max(lag.Seconds, 1e-3)) : clock.Elapsed;
        var (peak, samples, peakAccount) = memory.Of(phase.Name);
        var result = new PhaseResult(phase.Name, phase.Target, elapsed.TotalSeconds,
            [.. mix.Recorders.Select(r => r.Result(phase.Name, elapsed))], lag, peak.Bytes, samples, used, notes,
            peak.AnonymousBytes, peak.FileBytes, peakAccount);
        foreach (var s in result.Scenarios)
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {s.Scenario}: {s.Rate:0.###} req/s, p50 {s.P50Ms:0.###} ms, p99 {s.P99Ms:0.###} ms, max {s.MaxMs:0.###} ms, errors {s.Errors}, unexpected {s.Unexpected}"));
        return result;
    }

    private static async Task RetrainAsync(OperatorCalls calls, Stopwatch clock, List<string> notes)
    {
        double at = clock.Elapsed.TotalSeconds;
        int status = await calls.RetrainAsync();
        lock (notes)
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"POST /api/admin/retrain at {at:0.0} s answered {status}"));
    }

    private static string Machine()
    {
        string load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
        return $"{Environment.ProcessorCount} cores, load average at the end {load}";
    }
}
