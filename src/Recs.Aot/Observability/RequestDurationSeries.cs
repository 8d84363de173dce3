namespace Recs.Aot.Observability;

/// <summary>One series of <c>http.server.request.duration</c>: its Prometheus labels, written once, and its histogram.</summary>
internal sealed record RequestDurationSeries(string Labels, DurationHistogram Histogram);
