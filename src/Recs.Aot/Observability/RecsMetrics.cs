using System.Diagnostics.Metrics;
using Recs.Aot.Recommendations;
using Recs.Engine.Serving;
using Recs.Engine.Storage;

namespace Recs.Aot.Observability;

/// <summary>
/// Every instrument of Recs' own meter, <see cref="MeterName"/>, and the one-line calls that record them. Durations
/// are in seconds. The two counts every cached answer moves (recommendations by mode, cache look-ups by result) are
/// <see cref="CountsByTag"/> read by observable counters on a scrape, so a cached answer never calls into the
/// collector; the rarer events pass at most one tag as a <see cref="KeyValuePair{TKey, TValue}"/> struct whose value
/// is a constant string, so recording allocates nothing.
/// </summary>
public sealed class RecsMetrics
{
    public const string MeterName = "Recs";

    // Buckets sized to what each histogram measures: a computed list takes well under a millisecond to the time budget
    // (250 ms), a store operation a millisecond to a minute (a whole read of millions of ratings), a training seconds
    // to an hour.
    private static readonly double[] ComputeBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
    private static readonly double[] StoreBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
    private static readonly double[] TrainingBuckets = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

    private const string Hit = "hit";
    private const string Miss = "miss";

    private readonly ModelHolder _holder;
    private readonly CountsByTag _recommendations = new("mode",
        RecommendationMode.UltraFast, RecommendationMode.Computed, RecommendationMode.Fallback, RecommendationMode.Error);
    private readonly CountsByTag _cacheLookups = new("result", Hit, Miss);
    private readonly Histogram<double> _computeDuration;
    private readonly Counter<long> _uploads;
    private readonly Histogram<double> _trainingDuration;
    private readonly Counter<long> _trainingFailures;
    private readonly Histogram<double> _storeDuration;
    private readonly Counter<long> _rateLimited;

    public RecsMetrics(IMeterFactory meters, ModelHolder holder)
    {
        _holder = holder;
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("recs.recommendations", _recommendations.Observe, "{list}",
            "Recommendation lists answered by GET /api/recomendacoes, by mode (ultra_fast, computed, fallback, error).");
        meter.CreateObservableCounter("recs.cache.lookups", _cacheLookups.Observe, "{lookup}",
            "Look-ups of a person's cached list, by result (hit, miss).");
        _computeDuration = meter.CreateHistogram("recs.recommendation.compute.duration", "s",
            "Time to compute a list that missed the cache (for a request, an upload's answer or a preload), by mode: computed, or fallback when the time budget ran out.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ComputeBuckets });
        _uploads = meter.CreateCounter<long>("recs.uploads", "{upload}",
            "Uploads that reached the store step, by outcome (created, updated, unchanged, refused, busy).");
        _trainingDuration = meter.CreateHistogram("recs.training.duration", "s",
            "Duration of each finished training run.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TrainingBuckets });
        _trainingFailures = meter.CreateCounter<long>("recs.training.failures", "{training}",
            "Training runs that failed; the previous model kept serving.");
        _storeDuration = meter.CreateHistogram("recs.store.operation.duration", "s",
            "Duration of store operations that completed, by operation.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = StoreBuckets });
        _rateLimited = meter.CreateCounter<long>("recs.rate_limit.rejections", "{request}",
            "Requests to /api refused with 429 because their client's bucket was empty.");
        meter.CreateObservableGauge("recs.model.info", ObserveModelInfo, "{model}",
            "1 for the model serving, with its version and ranker (trained, neighbourhood); absent before the first load.");
        meter.CreateObservableGauge("recs.model.age", ObserveModelAge, "s",
            "Seconds since the training of the serving model started (before the first training: since its data was read).");
    }

    /// <summary>A recommendation answer went out with <paramref name="mode"/> (a <see cref="RecommendationMode"/> constant).</summary>
    public void RecommendationServed(string mode) => _recommendations.Increment(mode);

    public void CacheLookup(bool hit) => _cacheLookups.Increment(hit ? Hit : Miss);

    /// <summary>A list that missed the cache took <paramref name="elapsed"/> to compute, ending in <paramref name="mode"/>.</summary>
    public void RecommendationComputed(string mode, TimeSpan elapsed) =>
        _computeDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("mode", mode));

    public void UploadAnswered(UploadResult result) => _uploads.Add(1, new KeyValuePair<string, object?>("outcome", OutcomeOf(result)));

    public void TrainingFinished(TimeSpan elapsed) => _trainingDuration.Record(elapsed.TotalSeconds);

    public void TrainingFailed() => _trainingFailures.Add(1);

    /// <summary>The per-client rate limiter refused a request (429).</summary>
    public void RequestRateLimited() => _rateLimited.Add(1);

    /// <summary>A store operation (a <see cref="StoreOperation"/> constant) completed in <paramref name="elapsed"/>.</summary>
    public void StoreOperationCompleted(string operation, TimeSpan elapsed) =>
        _storeDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("operation", operation));

    private static string OutcomeOf(UploadResult result) => result switch
    {
        { Busy: true } => "busy",
        { Outcome: null } => "unchanged",
        { Outcome: WriteOutcome.Created } => "created",
        { Outcome: WriteOutcome.Updated } => "updated",
        _ => "refused",
    };

    // Runs on a scrape only, so the tags built here cost nothing on the request path.
    private IEnumerable<Measurement<int>> ObserveModelInfo()
    {
        if (_holder.Current is not { } model)
            return [];
        return [new Measurement<int>(1, new KeyValuePair<string, object?>("version", model.Version),
            new KeyValuePair<string, object?>("ranker", model.Trained is null ? "neighbourhood" : "trained"))];
    }

    private IEnumerable<Measurement<double>> ObserveModelAge()
    {
        if (_holder.Current is not { } model)
            return [];
        var since = model.Trained?.Header.TrainedAt ?? model.BuiltAt;
        return [new Measurement<double>((DateTimeOffset.UtcNow - since).TotalSeconds)];
    }
}
