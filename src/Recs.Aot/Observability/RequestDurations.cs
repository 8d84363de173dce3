using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Recs.Aot.Observability;

/// <summary>
/// <c>http.server.request.duration</c> (seconds, by <c>http.route</c>, <c>http.request.method</c> and
/// <c>http.response.status_code</c>) recorded by the first middleware of the pipeline, in place of ASP.NET Core's
/// hosting meter, and written into /metrics by <see cref="ScrapeWithRequestDurations"/>. A request costs two
/// timestamps, one dictionary look-up and two atomic adds into its series' <see cref="DurationHistogram"/>, and
/// allocates nothing: no tag list is built and the metrics collector is not called per request.
/// </summary>
public sealed class RequestDurations
{
    /// <summary>The instrument's name, as the OpenTelemetry semantic conventions and ASP.NET Core name it.</summary>
    public const string InstrumentName = "http.server.request.duration";

    /// <summary>Its name in the Prometheus exposition (the unit appended, as the OpenTelemetry exporter does).</summary>
    public const string MetricName = "http_server_request_duration_seconds";

    private const string Help = "Duration of HTTP requests from the first middleware to the last, by route, method and status.";

    // From 100 µs (a cached answer takes tens of µs of server time) to 10 s (an upload of a large export); ASP.NET
    // Core's default buckets start at 5 ms, where every cached answer would fall into the first one.
    private static readonly double[] Buckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

    // Methods outside this set are reported as _OTHER, so a client inventing methods cannot create new series.
    private static readonly string[] KnownMethods =
    [
        HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch,
        HttpMethods.Options, HttpMethods.Trace, HttpMethods.Connect,
    ];

    private readonly ConcurrentDictionary<RequestDurationKey, RequestDurationSeries> _series = new();
    // Past PrometheusMetrics.CardinalityLimit series, new ones share this one, labelled as the OpenTelemetry SDK
    // labels its overflow.
    private readonly RequestDurationSeries _overflow = new("otel_metric_overflow=\"true\"", new DurationHistogram(Buckets));
    private int _seriesCount;

    /// <summary>The middleware: times the rest of the pipeline; a pipeline that finishes synchronously adds no async frame.</summary>
    public Task RecordAsync(HttpContext http, RequestDelegate next)
    {
        long started = Stopwatch.GetTimestamp();
        Task pending;
        try
        {
            pending = next(http);
        }
        catch
        {
            Record(http, started, StatusCodes.Status500InternalServerError);
            throw;
        }
        if (!pending.IsCompletedSuccessfully)
            return RecordWhenDoneAsync(pending, http, started);
        Record(http, started, http.Response.StatusCode);
        return Task.CompletedTask;
    }

    /// <summary>Writes the histogram family in the Prometheus text format (with its unit line for OpenMetrics); nothing before the first request.</summary>
    public void WriteTo(StringBuilder text, bool openMetrics)
    {
        var series = _series.Values.ToList();
        if (HasCounts(_overflow))
            series.Add(_overflow);
        if (series.Count == 0)
            return;
        text.Append("# TYPE ").Append(MetricName).Append(" histogram\n");
        if (openMetrics)
            text.Append("# UNIT ").Append(MetricName).Append(" seconds\n");
        text.Append("# HELP ").Append(MetricName).Append(' ').Append(Help).Append('\n');
        var cumulative = new long[Buckets.Length + 1];
        foreach (var one in series)
        {
            double sum = one.Histogram.Read(cumulative);
            for (int i = 0; i < cumulative.Length; i++)
            {
                string bound = i < Buckets.Length ? Buckets[i].ToString(CultureInfo.InvariantCulture) : "+Inf";
                Sample(text, "_bucket", one.Labels, bound).Append(cumulative[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
            Sample(text, "_sum", one.Labels, bound: null).Append(sum.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            Sample(text, "_count", one.Labels, bound: null).Append(cumulative[^1].ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    private async Task RecordWhenDoneAsync(Task pending, HttpContext http, long started)
    {
        int status = StatusCodes.Status500InternalServerError;
        try
        {
            await pending;
            status = http.Response.StatusCode;
        }
        finally
        {
            Record(http, started, status);
        }
    }

    private void Record(HttpContext http, long started, int status)
    {
        long elapsed = Stopwatch.GetTimestamp() - started;
        var key = new RequestDurationKey(http.GetEndpoint(), Known(http.Request.Method), status);
        var series = _series.TryGetValue(key, out var known) ? known : Add(key);
        series.Histogram.Record(elapsed);
    }

    private RequestDurationSeries Add(RequestDurationKey key)
    {
        if (Volatile.Read(ref _seriesCount) >= PrometheusMetrics.CardinalityLimit)
            return _overflow;
        var created = new RequestDurationSeries(LabelsFor(key), new DurationHistogram(Buckets));
        if (_series.TryAdd(key, created))
        {
            Interlocked.Increment(ref _seriesCount);
            return created;
        }
        return _series[key];
    }

    private static bool HasCounts(RequestDurationSeries series)
    {
        var counts = new long[Buckets.Length + 1];
        series.Histogram.Read(counts);
        return counts[^1] > 0;
    }

    private static StringBuilder Sample(StringBuilder text, string suffix, string labels, string? bound)
    {
        text.Append(MetricName).Append(suffix).Append("{otel_scope_name=\"").Append(RecsMetrics.MeterName).Append("\",").Append(labels);
        if (bound is not null)
            text.Append(",le=\"").Append(bound).Append('"');
        return text.Append("} ");
    }

    // Kestrel hands known methods over as the HttpMethods strings themselves, so the first comparison usually answers.
    private static string Known(string method)
    {
        foreach (string known in KnownMethods)
        {
            if (ReferenceEquals(known, method) || HttpMethods.Equals(known, method))
                return known;
        }
        return "_OTHER";
    }

    // The labels in the order the OpenTelemetry exporter writes them (by name). A request no route matched has no
    // http_route (the semantic conventions leave it out rather than invent one).
    private static string LabelsFor(RequestDurationKey key)
    {
        var labels = new StringBuilder()
            .Append("http_request_method=\"").Append(key.Method).Append("\",")
            .Append("http_response_status_code=\"").Append(key.Status.ToString(CultureInfo.InvariantCulture)).Append('"');
        if (key.Endpoint is RouteEndpoint { RoutePattern.RawText: { } route })
            labels.Append(",http_route=\"").Append(Escaped(route)).Append('"');
        return labels.ToString();
    }

    // The escapes of a label value in the Prometheus text format.
    private static string Escaped(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
}
