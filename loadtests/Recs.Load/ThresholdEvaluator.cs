using System.Globalization;

namespace Recs.Load;

/// <summary>Checks a run's phases against <see cref="Thresholds"/>; only the phases that ran are checked.</summary>
internal static class ThresholdEvaluator
{
    public static IReadOnlyList<ThresholdCheck> Evaluate(IReadOnlyList<PhaseResult> phases, Thresholds limits)
    {
        var checks = new List<ThresholdCheck>();
        foreach (var phase in phases)
        {
            foreach (var s in phase.Scenarios)
            {
                checks.Add(new(phase.Name, s.Scenario, "errors = 0", Describe(s.ErrorKinds, s.Errors), s.Errors == 0));
                long errorModes = s.Modes.GetValueOrDefault("error");
                if (s.Modes.Count > 0)
                    checks.Add(new(phase.Name, s.Scenario, "mode error = 0", errorModes.ToString(CultureInfo.InvariantCulture), errorModes == 0));
                if (limits.EveryAnswerAsExpected)
                    checks.Add(new(phase.Name, s.Scenario, "unexpected answers = 0", s.Unexpected.ToString(CultureInfo.InvariantCulture), s.Unexpected == 0));
            }
            if (limits.MaxResidentBytes is { } maxRss)
            {
                checks.Add(new(phase.Name, null, $"RSS <= {Mb(maxRss)} MB",
                    phase.ResidentSamples == 0 ? "no samples" : $"{Mb(phase.MaxResidentBytes)} MB max of {phase.ResidentSamples}",
                    phase.ResidentSamples > 0 && phase.MaxResidentBytes <= maxRss));
            }
        }

        if (limits.MinCachedToPingRatio is { } ratio
            && Find(phases, Scenarios.ClosedCached, Scenarios.Cached.Name) is { } cached
            && Find(phases, Scenarios.ClosedPing, Scenarios.Ping.Name) is { } ping)
        {
            double measured = ping.Rate > 0 ? cached.Rate / ping.Rate : 0;
            checks.Add(new(cached.Phase, cached.Scenario, $"rate >= {ratio:P0} of /ping",
                $"{measured:P0} ({cached.Rate:0} vs {ping.Rate:0} req/s)", measured >= ratio));
        }
        P99(checks, phases, Scenarios.OpenCached, Scenarios.Cached.Name, limits.OpenCachedP99Ms);
        P99(checks, phases, Scenarios.OpenComputed, Scenarios.Computed.Name, limits.OpenComputedP99Ms);
        // "Throughout": the retrain must not push any stretch of the mix over the limit, so the worst window counts.
        if (limits.MixCachedP99Ms is { } mixLimit && Find(phases, Scenarios.Mix, Scenarios.CachedInMix.Name) is { } mixed)
        {
            double worst = mixed.WorstWindowP99Ms ?? mixed.P99Ms;
            checks.Add(new(Scenarios.Mix, mixed.Scenario, $"p99 <= {mixLimit:0.###} ms in every {ScenarioRecorder.Window.TotalSeconds:0} s window",
                $"{worst:0.###} ms worst window ({mixed.P99Ms:0.###} ms whole phase)", mixed.Requests > 0 && worst <= mixLimit));
        }
        return checks;
    }

    private static void P99(List<ThresholdCheck> checks, IReadOnlyList<PhaseResult> phases, string phase, string scenario, double? limitMs)
    {
        if (limitMs is { } limit && Find(phases, phase, scenario) is { } s)
            checks.Add(new(phase, scenario, $"p99 <= {limit:0.###} ms", $"{s.P99Ms:0.###} ms", s.Requests > 0 && s.P99Ms <= limit));
    }

    private static ScenarioResult? Find(IReadOnlyList<PhaseResult> phases, string phase, string scenario) =>
        phases.FirstOrDefault(p => p.Name == phase)?.Scenarios.FirstOrDefault(s => s.Scenario == scenario);

    private static string Describe(IReadOnlyDictionary<string, long> kinds, long total) =>
        total == 0 ? "0" : $"{total} ({string.Join(", ", kinds.Select(k => $"{k.Key}: {k.Value}"))})";

    public static string Mb(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture);
}
