using System.Globalization;
using System.Text;

namespace Recs.Load;

/// <summary>
/// Two compare runs side by side, one row per phase: requests per second, p50, p99 and the largest resident set of
/// Recs and of the peer, each with its ratio. Every ratio reads "times better for Recs": rate is Recs over peer,
/// latency and memory are peer over Recs. A phase only one run has is left out; answers other than the expected ones
/// are counted in the last column, because a ratio of wrong answers means nothing.
/// </summary>
internal static class RatioReport
{
    public static string Render(RecordedRun recs, RecordedRun peer)
    {
        var ci = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("| phase | scenario | load | requests Recs / peer | req/s Recs | req/s peer | × | p50 ms Recs | p50 ms peer | × | p99 ms Recs | p99 ms peer | × | RSS MB Recs | RSS MB peer | × | not as expected Recs / peer |");
        md.AppendLine("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in recs.Phases)
        {
            if (peer.Phases.FirstOrDefault(p => p.Name == r.Name) is not { } p || r.Scenarios.Count == 0 || p.Scenarios.Count == 0)
                continue;
            var rs = r.Scenarios[0];
            var ps = p.Scenarios[0];
            string load = r.Target == p.Target ? r.Target : $"Recs {r.Target}; peer {p.Target}";
            md.AppendLine(ci, $"| {r.Name} | {rs.Scenario} | {load} | {rs.Requests} / {ps.Requests} | {Figure(rs.Rate)} | {Figure(ps.Rate)} | {Times(rs.Rate, ps.Rate)} | {Figure(rs.P50Ms)} | {Figure(ps.P50Ms)} | {Times(ps.P50Ms, rs.P50Ms)} | {Figure(rs.P99Ms)} | {Figure(ps.P99Ms)} | {Times(ps.P99Ms, rs.P99Ms)} | {ThresholdEvaluator.Mb(r.MaxResidentBytes)} | {ThresholdEvaluator.Mb(p.MaxResidentBytes)} | {Times(p.MaxResidentBytes, r.MaxResidentBytes)} | {rs.Unexpected} / {ps.Unexpected} |");
        }
        return md.ToString();
    }

    /// <summary>Three significant figures at most, so 0.004 ms and 41,000 ms both read at a glance.</summary>
    public static string Figure(double value)
    {
        if (value == 0)
            return "0";
        int digits = Math.Max(0, 2 - (int)Math.Floor(Math.Log10(Math.Abs(value))));
        return Math.Round(value, digits).ToString(digits == 0 ? "#,0" : "#,0." + new string('#', digits), CultureInfo.InvariantCulture);
    }

    /// <summary><paramref name="better"/> over <paramref name="worse"/> as "12×"; a dash when the divisor is zero.</summary>
    public static string Times(double better, double worse) =>
        worse > 0 && better > 0 ? Figure(better / worse) + "×" : "–";
}
