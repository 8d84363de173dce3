using System.Diagnostics;
using Recs.Aot.Observability;

namespace Recs.Tests.Observability;

/// <summary>The lock-free histogram behind http.server.request.duration: buckets by upper bound, exact under parallel recording.</summary>
public sealed class DurationHistogramTests
{
    private static long Ticks(double seconds) => (long)System.Math.Round(seconds * Stopwatch.Frequency);

    [Fact]
    public void Durations_fall_into_the_first_bucket_whose_bound_they_do_not_exceed()
    {
        var histogram = new DurationHistogram([0.001, 0.01, 0.1]);
        histogram.Record(Ticks(0.0005));
        histogram.Record(Ticks(0.001)); // on the bound: in that bucket (Prometheus' le)
        histogram.Record(Ticks(0.05));
        histogram.Record(Ticks(3));
        histogram.Record(-5); // a clock step backwards counts as 0
        var cumulative = new long[histogram.Slots];
        double sum = histogram.Read(cumulative);
        Assert.Equal(new long[] { 3, 3, 4, 5 }, cumulative);
        Assert.Equal(3.0515, sum, 6);
    }

    [Fact]
    public void Parallel_recordings_add_up_exactly()
    {
        var histogram = new DurationHistogram([0.0001, 0.001]);
        const int PerThread = 100_000;
        double[] byThread = [0.00005, 0.00005, 0.0005, 0.5];
        Parallel.For(0, byThread.Length, new ParallelOptions { MaxDegreeOfParallelism = byThread.Length }, t =>
        {
            long ticks = Ticks(byThread[t]);
            for (int i = 0; i < PerThread; i++)
                histogram.Record(ticks);
        });
        var cumulative = new long[histogram.Slots];
        double sum = histogram.Read(cumulative);
        Assert.Equal(new long[] { 2 * PerThread, 3 * PerThread, 4 * PerThread }, cumulative);
        double expected = PerThread * byThread.Sum(s => (double)Ticks(s)) / Stopwatch.Frequency;
        Assert.Equal(expected, sum, 6);
    }

    [Fact]
    public void Bounds_must_ascend()
    {
        Assert.Throws<ArgumentException>(() => new DurationHistogram([0.1, 0.1]));
        Assert.Throws<ArgumentException>(() => new DurationHistogram([0.1]).Read(new long[1]));
    }
}
