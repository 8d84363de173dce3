using Recs.Load;

namespace Recs.Tests.Load;

public sealed class ThresholdEvaluatorTests
{
    [Fact]
    public void Each_limit_is_checked_against_its_phase_and_a_miss_fails_with_the_measured_figure()
    {
        var phases = new[]
        {
            Phase(Scenarios.ClosedPing, Result(Scenarios.ClosedPing, Scenarios.Ping.Name, rate: 10_000, p99: 0.5)),
            Phase(Scenarios.ClosedCached, Result(Scenarios.ClosedCached, Scenarios.Cached.Name, rate: 5_000, p99: 0.5)),
            Phase(Scenarios.OpenCached, Result(Scenarios.OpenCached, Scenarios.Cached.Name, rate: 10_000, p99: 0.9)),
            Phase(Scenarios.OpenComputed, Result(Scenarios.OpenComputed, Scenarios.Computed.Name, rate: 1_000, p99: 7.5)),
        };

        var checks = ThresholdEvaluator.Evaluate(phases, Thresholds.Default);

        var failed = checks.Where(c => !c.Passed).Select(c => $"{c.Phase}: {c.Rule} ({c.Measured})").ToList();
        Assert.Equal(
        [
            "closed cached: rate >= 60% of /ping (50% (5000 vs 10000 req/s))",
            "open computed: p99 <= 5 ms (7.5 ms)",
        ], failed.Select(f => f.Replace(" %", "%", StringComparison.Ordinal)));
        Assert.Contains(checks, c => c.Phase == Scenarios.OpenCached && c.Rule == "p99 <= 1 ms" && c.Passed);
        Assert.All(phases, p => Assert.Contains(checks, c => c.Phase == p.Name && c.Rule.StartsWith("RSS", StringComparison.Ordinal) && c.Passed));
    }

    private static PhaseResult Phase(string name, ScenarioResult scenario) =>
        new(name, "", 10, [scenario], SendLag.None, 80L * 1024 * 1024, 100, new CpuUse(1, 1), []);

    private static ScenarioResult Result(string phase, string scenario, double rate, double p99) =>
        new(phase, scenario, (long)(rate * 10), rate, p99 / 2, p99, p99, p99, p99, p99,
            new Dictionary<string, long> { ["200"] = (long)(rate * 10) }, new Dictionary<string, long>(), new Dictionary<string, long>(), 0, 0);
}
