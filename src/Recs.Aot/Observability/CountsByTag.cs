using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Recs.Aot.Observability;

/// <summary>
/// A counter per value of one tag, for a closed set of values known up front (modes, cache results): a request adds
/// with one atomic increment, and the totals reach /metrics through an observable counter read on a scrape. A
/// tagged <see cref="Counter{T}"/> costs a tag-set look-up in the collector on every add; this costs none.
/// </summary>
public sealed class CountsByTag
{
    // Each value's counter sits on a cache line of its own, so two cores counting different values do not take the
    // line from each other.
    private const int Stride = 64 / sizeof(long);

    private readonly string[] _values;
    private readonly KeyValuePair<string, object?>[][] _tags;
    private readonly long[] _counts;

    /// <summary>Counts <paramref name="values"/> (distinct strings) of the tag <paramref name="key"/>, all from 0.</summary>
    public CountsByTag(string key, params string[] values)
    {
        if (values.Length == 0 || values.Distinct(StringComparer.Ordinal).Count() != values.Length)
            throw new ArgumentException("values must be distinct and not empty", nameof(values));
        _values = values;
        _tags = values.Select(v => new[] { new KeyValuePair<string, object?>(key, v) }).ToArray();
        _counts = new long[values.Length * Stride];
    }

    /// <summary>Adds one to <paramref name="value"/>; a value outside the set is not counted (a metric never fails a request).</summary>
    public void Increment(string value)
    {
        int index = IndexOf(value);
        Debug.Assert(index >= 0, $"{value} is not one of the counted values");
        if (index >= 0)
            Interlocked.Increment(ref _counts[index * Stride]);
    }

    /// <summary>The count of <paramref name="value"/> so far; throws <see cref="ArgumentOutOfRangeException"/> for a value outside the set.</summary>
    public long this[string value] => IndexOf(value) is int index and >= 0
        ? Volatile.Read(ref _counts[index * Stride])
        : throw new ArgumentOutOfRangeException(nameof(value), value, "not one of the counted values");

    /// <summary>One measurement per value (zeros included, so every series exists from the first scrape), for an observable counter.</summary>
    public IEnumerable<Measurement<long>> Observe()
    {
        var measurements = new Measurement<long>[_values.Length];
        for (int i = 0; i < _values.Length; i++)
            measurements[i] = new Measurement<long>(Volatile.Read(ref _counts[i * Stride]), _tags[i]);
        return measurements;
    }

    // The values are the callers' string constants, so the reference comparison answers almost always.
    private int IndexOf(string value)
    {
        for (int i = 0; i < _values.Length; i++)
        {
            if (ReferenceEquals(_values[i], value))
                return i;
        }
        for (int i = 0; i < _values.Length; i++)
        {
            if (string.Equals(_values[i], value, StringComparison.Ordinal))
                return i;
        }
        return -1;
    }
}
