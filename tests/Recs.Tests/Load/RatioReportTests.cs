using Recs.Load;

namespace Recs.Tests.Load;

public sealed class RatioReportTests
{
    [Fact]
    public void Each_ratio_reads_as_times_better_for_recs_and_survives_the_json_report()
    {
        var recs = Run(Phase("closed cached", "8 conn closed", rate: 8_000, p50: 0.5, p99: 2, rssMb: 150));
        var peer = Run(Phase("closed cached", "8 conn closed", rate: 400, p50: 10, p99: 30, rssMb: 450));

        string table = RatioReport.Render(Read(recs), Read(peer));

        string row = table.Split('\n')[2];
        Assert.Equal("| closed cached | cached | 8 conn closed | 80000 / 4000 | 8,000 | 400 | 20× | 0.5 | 10 | 20× | 2 | 30 | 15× | 150.0 | 450.0 | 3× | 0 / 0 |", row);
    }

    [Fact]
    public void Different_loads_are_both_named_and_a_phase_only_one_run_has_is_left_out()
    {
        var recs = Run(Phase("first-time", "2 conn closed, at most 4375 requests", 900, 2, 5, 150), Phase("recs only", "x", 1, 1, 1, 1));
        var peer = Run(Phase("first-time", "2 conn closed, at most 2 requests", 0.02, 90_000, 95_000, 450));

        string[] rows = RatioReport.Render(Read(recs), Read(peer)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, rows.Length);
        Assert.Contains("| Recs 2 conn closed, at most 4375 requests; peer 2 conn closed, at most 2 requests |", rows[2], StringComparison.Ordinal);
        Assert.Contains("| 900 | 0.02 | 45,000× |", rows[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.004321, "0.00432")]
    [InlineData(12.345, "12.3")]
    [InlineData(41_234.6, "41,235")]
    [InlineData(0, "0")]
    public void Figures_keep_three_significant_digits(double value, string expected) =>
        Assert.Equal(expected, RatioReport.Figure(value));

    // Through the JSON report and back, as loadtests/compare-seed.sh hands runs to the ratio table.
    private static RecordedRun Read(SuiteResult run) => JsonReport.Read(JsonReport.Render(run));

    private static SuiteResult Run(params PhaseResult[] phases) =>
        new(DateTimeOffset.UnixEpoch, "http://127.0.0.1:1/", 1, "2 cores", phases, []);

    private static PhaseResult Phase(string name, string target, double rate, double p50, double p99, double rssMb) =>
        new(name, target, 10, [new ScenarioResult(name, "cached", (long)(rate * 10), rate, p50, p50, p99, p99, p99, null,
            new Dictionary<string, long> { ["200"] = (long)(rate * 10) }, new Dictionary<string, long> { ["ultra_fast"] = 1 },
            new Dictionary<string, long>(), 0, 0)],
            new SendLag(0.1, 0.2, 0, 10), (long)(rssMb * 1024 * 1024), 100, new CpuUse(1.5, 0.5), ["note"]);
}
