using Recs.Load;

namespace Recs.Tests.Load;

public sealed class OpenRateTests
{
    [Theory]
    [InlineData(1234.0, 0.5, 620.0)]
    [InlineData(3.3, 0.5, 1.6)] // 1.65 rounds to even at two significant figures
    [InlineData(0.0, 0.5, 0.1)] // a server that answered nothing still gets a request
    public void An_open_phase_without_a_rate_runs_at_a_fraction_of_its_closed_phase_rounded_to_two_figures(double measured, double fraction, double expected)
    {
        var closed = Result("closed cached", measured);
        var open = Phase.Open("open cached", 0, TimeSpan.FromSeconds(5), new WeightedScenario(CompareScenarios.Cached, 1)) with { RateFrom = "closed cached" };

        var resolved = OpenRate.Resolve(open, [closed], fraction);

        Assert.True(System.Math.Abs(resolved.Rate - expected) < 1e-9, $"rate {resolved.Rate}, expected {expected}");
    }

    [Fact]
    public void A_given_rate_is_kept()
    {
        var open = Phase.Open("open cached", 250, TimeSpan.FromSeconds(5), new WeightedScenario(CompareScenarios.Cached, 1)) with { RateFrom = "closed cached" };

        Assert.Equal(250, OpenRate.Resolve(open, [Result("closed cached", 9_000)], 0.5).Rate);
    }

    [Fact]
    public void Naming_a_phase_that_has_not_run_is_refused()
    {
        var open = Phase.Open("open unknown", 0, TimeSpan.FromSeconds(5), new WeightedScenario(CompareScenarios.Unknown, 1)) with { RateFrom = "closed unknown" };

        var e = Assert.Throws<InvalidOperationException>(() => OpenRate.Resolve(open, [Result("closed cached", 100)], 0.5));
        Assert.Contains("closed unknown", e.Message, StringComparison.Ordinal);
    }

    private static PhaseResult Result(string name, double rate) =>
        new(name, "8 conn closed", 10, [new ScenarioResult(name, "cached", (long)(rate * 10), rate, 1, 1, 1, 1, 1, null,
            new Dictionary<string, long>(), new Dictionary<string, long>(), new Dictionary<string, long>(), 0, 0)],
            SendLag.None, 0, 0, new CpuUse(null, 0), []);
}
