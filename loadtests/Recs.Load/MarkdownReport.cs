using System.Globalization;
using System.Text;

namespace Recs.Load;

/// <summary>The run as Markdown: one row per phase and scenario with its checks beside it, then memory, then every check.</summary>
internal static class MarkdownReport
{
    public static string Render(SuiteResult run)
    {
        var md = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        md.AppendLine(ci, $"Load suite {run.StartedAt:yyyy-MM-dd HH:mm} UTC against {run.Server} (pid {run.ServerPid}); {run.Machine}.");
        md.AppendLine();
        md.AppendLine(ci, $"| phase | target | scenario | requests | req/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | worst {ScenarioRecorder.Window.TotalSeconds:0} s p99 ms | statuses | modes | errors | checks |");
        md.AppendLine("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | --- |");
        foreach (var phase in run.Phases)
        {
            foreach (var s in phase.Scenarios)
            {
                var checks = run.Checks.Where(c => c.Phase == phase.Name && c.Scenario == s.Scenario).Select(c => $"{c.Rule}: {c.Verdict}");
                md.AppendLine(ci, $"| {phase.Name} | {phase.Target} | {s.Scenario} | {s.Requests} | {s.Rate:0} | {s.P50Ms:0.000} | {s.P90Ms:0.000} | {s.P99Ms:0.000} | {s.P999Ms:0.000} | {s.MaxMs:0.0} | {s.WorstWindowP99Ms:0.000} | {Histogram(s.Statuses)} | {Histogram(s.Modes)} | {s.Errors} | {string.Join("; ", checks)} |");
            }
        }
        md.AppendLine();
        md.AppendLine("| phase | server RSS max MB (samples every 100 ms) | of which anonymous / file-backed MB | memory check | server CPU s (µs per answer) | client CPU s | host CPU stolen | client send lag p99 / max ms | notes |");
        md.AppendLine("| --- | ---: | ---: | --- | ---: | ---: | ---: | --- | --- |");
        foreach (var phase in run.Phases)
        {
            var memory = run.Checks.FirstOrDefault(c => c.Phase == phase.Name && c.Scenario is null);
            string lag = phase.Lag == SendLag.None ? "closed loop" : string.Create(ci, $"{phase.Lag.P99Ms:0.000} / {phase.Lag.MaxMs:0.0}")
                + (phase.Lag.Backlogged > 0 ? $", {phase.Lag.Backlogged} not sent (backlog)" : "");
            long answers = phase.Scenarios.Sum(s => s.Requests);
            string server = phase.Cpu.ServerSeconds is { } cpu ? string.Create(ci, $"{cpu:0.00} ({(answers > 0 ? cpu * 1e6 / answers : 0):0})") : "unknown";
            md.AppendLine(ci, $"| {phase.Name} | {ThresholdEvaluator.Mb(phase.MaxResidentBytes)} ({phase.ResidentSamples}) | {ThresholdEvaluator.Mb(phase.PeakAnonymousBytes)} / {ThresholdEvaluator.Mb(phase.PeakFileBytes)} | {(memory is null ? "" : $"{memory.Rule}: {memory.Verdict}")} | {server} | {phase.Cpu.ClientSeconds:0.00} | {Percent(phase.Cpu.HostStealShare)} | {lag} | {string.Join("; ", phase.Notes)} |");
        }
        // What the peak was made of, as the server accounts for it (a server without /api/memory gives nothing here).
        if (run.Phases.Any(p => p.PeakAccount is not null))
        {
            md.AppendLine();
            md.AppendLine("| phase | at the resident peak, the server's own account (GET /api/memory, at most 0.5 s before it; MB) |");
            md.AppendLine("| --- | --- |");
            foreach (var phase in run.Phases.Where(p => p.PeakAccount is not null))
                md.AppendLine(ci, $"| {phase.Name} | {phase.PeakAccount!.Describe()} |");
        }
        var contended = run.Phases.Where(p => p.Cpu.HostStealShare >= ContendedShare).Select(p => $"{p.Name} ({Percent(p.Cpu.HostStealShare)})").ToList();
        if (contended.Count > 0)
        {
            md.AppendLine();
            md.AppendLine(ci, $"The host stole {ContendedShare:0%} or more of this machine's CPU time in: {string.Join(", ", contended)}. Latency there measures the host as much as the server; compare builds only within runs taken side by side.");
        }
        md.AppendLine();
        var failed = run.Checks.Where(c => !c.Passed).ToList();
        md.AppendLine(ci, $"**{(run.Passed ? "PASS" : "FAIL")}**: {run.Checks.Count - failed.Count} of {run.Checks.Count} checks passed.");
        if (failed.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("| failed check | phase | scenario | measured |");
            md.AppendLine("| --- | --- | --- | --- |");
            foreach (var c in failed)
                md.AppendLine(ci, $"| {c.Rule} | {c.Phase} | {c.Scenario ?? "(server)"} | {c.Measured} |");
        }
        return md.ToString();
    }

    // Above this share of stolen CPU time a phase's tails are flagged (a quiet host steals well under 1 %).
    internal const double ContendedShare = 0.05;

    private static string Percent(double? share) => share is { } s ? s.ToString("0.0%", CultureInfo.InvariantCulture) : "unknown";

    private static string Histogram(IReadOnlyDictionary<string, long> counts) =>
        counts.Count == 0 ? "" : string.Join(", ", counts.Select(c => $"{c.Key}: {c.Value}"));
}
