using System.Diagnostics.Metrics;
using Recs.Aot.Observability;

namespace Recs.Tests.Observability;

/// <summary>The per-value counts behind recs.recommendations and recs.cache.lookups: exact under parallel adds, every value observed.</summary>
public sealed class CountsByTagTests
{
    [Fact]
    public void Parallel_increments_add_up_exactly_per_value()
    {
        var counts = new CountsByTag("mode", "ultra_fast", "computed", "fallback");
        const int PerThread = 200_000;
        string[] byThread = ["ultra_fast", "ultra_fast", "computed", "fallback"];
        Parallel.For(0, byThread.Length, new ParallelOptions { MaxDegreeOfParallelism = byThread.Length }, t =>
        {
            for (int i = 0; i < PerThread; i++)
                counts.Increment(byThread[t]);
        });
        Assert.Equal(2 * PerThread, counts["ultra_fast"]);
        Assert.Equal(PerThread, counts["computed"]);
        Assert.Equal(PerThread, counts["fallback"]);
    }

    [Fact]
    public void Observe_reports_every_value_with_its_tag_including_zeros()
    {
        var counts = new CountsByTag("result", "hit", "miss");
        counts.Increment("hit");
        counts.Increment("hit");
        // A value equal to a counted one but another string instance counts the same.
        counts.Increment(new string("miss".AsSpan()));
        var observed = counts.Observe().ToDictionary(m => (string)m.Tags[0].Value!, m => m.Value);
        Assert.Equal(new Dictionary<string, long> { ["hit"] = 2, ["miss"] = 1 }, observed);
        Assert.All(counts.Observe(), m => Assert.Equal("result", Assert.Single(m.Tags.ToArray()).Key));
        Assert.Equal(0, new CountsByTag("result", "hit", "miss").Observe().Sum(m => m.Value));
    }

    [Fact]
    public void A_value_outside_the_set_is_refused_on_read_and_not_counted()
    {
        var counts = new CountsByTag("mode", "computed");
        Assert.Throws<ArgumentOutOfRangeException>(() => counts["invented"]);
        Assert.Throws<ArgumentException>(() => new CountsByTag("mode", "a", "a"));
    }

    [Fact]
    public void An_observable_counter_over_the_counts_is_read_by_a_listener()
    {
        var counts = new CountsByTag("mode", "computed");
        using var meter = new Meter("Recs.Tests.CountsByTag");
        meter.CreateObservableCounter("counted", counts.Observe);
        counts.Increment("computed");
        long seen = -1;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => seen = value);
        listener.Start();
        listener.RecordObservableInstruments();
        Assert.Equal(1, seen);
    }
}
