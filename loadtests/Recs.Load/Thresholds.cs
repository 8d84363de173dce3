namespace Recs.Load;

/// <summary>
/// The pass/fail limits, all in one place. Every phase must also finish with no errors (no answer, or a 5xx) and no
/// <c>error</c> mode. A null limit is not checked. <see cref="Default"/> is for the full run (2 shared cores, the 1M-rating
/// Letterboxd set); <see cref="Smoke"/> only asks that every answer is the expected one.
/// </summary>
internal sealed record Thresholds
{
    /// <summary>Closed-loop cached recommendations per second over closed-loop /ping per second, same run.</summary>
    public double? MinCachedToPingRatio { get; init; }

    public double? OpenCachedP99Ms { get; init; }

    public double? OpenComputedP99Ms { get; init; }

    /// <summary>p99 of the cached requests in the realistic mix, retrain included.</summary>
    public double? MixCachedP99Ms { get; init; }

    /// <summary>The server's resident memory at every sample of every phase.</summary>
    public long? MaxResidentBytes { get; init; }

    /// <summary>Every answer has its scenario's status and one of its modes.</summary>
    public bool EveryAnswerAsExpected { get; init; }

    public static readonly Thresholds Default = new()
    {
        MinCachedToPingRatio = 0.60,
        OpenCachedP99Ms = 1,
        OpenComputedP99Ms = 5,
        MixCachedP99Ms = 2,
        MaxResidentBytes = 100L * 1024 * 1024,
    };

    public static readonly Thresholds Smoke = new() { EveryAnswerAsExpected = true };
}
