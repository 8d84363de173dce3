using System.Globalization;

namespace Recs.Load;

/// <summary>
/// The rate of an open phase that names a closed phase instead of a rate: a fraction of the answers per second that
/// closed phase measured, so the open loop runs below what the server sustains and its latencies are not a queue.
/// </summary>
internal static class OpenRate
{
    /// <summary>
    /// <paramref name="phase"/> with its rate filled in from <paramref name="earlier"/>, or unchanged when it has a rate
    /// or names no phase. The rate is at least 0.1 req/s, so a server that answered nothing still gets a request.
    /// </summary>
    public static Phase Resolve(Phase phase, IReadOnlyList<PhaseResult> earlier, double fraction)
    {
        if (phase.Shape != LoadShape.Open || phase.Rate > 0 || phase.RateFrom is null)
            return phase;
        var closed = earlier.FirstOrDefault(p => p.Name == phase.RateFrom)
            ?? throw new InvalidOperationException($"phase '{phase.Name}' takes its rate from '{phase.RateFrom}', which has not run");
        double measured = closed.Scenarios.Sum(s => s.Rate);
        // Two significant figures: the rate is a choice to state in the report, not a measurement.
        double rate = Math.Max(0.1, RoundTo2Figures(measured * fraction));
        return phase with { Rate = rate };
    }

    private static double RoundTo2Figures(double value)
    {
        if (value <= 0)
            return 0;
        double scale = Math.Pow(10, Math.Floor(Math.Log10(value)) - 1);
        return Math.Round(value / scale) * scale;
    }

    /// <summary>A rate as the command line and the report write it.</summary>
    public static string Format(double rate) => rate.ToString("0.###", CultureInfo.InvariantCulture);
}
