using System.Text;

namespace Recs.Aot.Observability;

/// <summary>
/// The middleware in front of the OpenTelemetry exporter on /metrics: it takes the exporter's answer and adds the
/// <see cref="RequestDurations"/> histogram family to it (before OpenMetrics' closing <c># EOF</c>), so the request
/// durations, counted outside the collector, reach the scrape beside everything the collector reports.
/// </summary>
internal static class ScrapeWithRequestDurations
{
    private static readonly byte[] OpenMetricsEnd = "# EOF\n"u8.ToArray();

    public static async Task InvokeAsync(HttpContext http, RequestDelegate exporter, RequestDurations durations)
    {
        var body = http.Response.Body;
        using var answer = new MemoryStream();
        http.Response.Body = answer;
        try
        {
            await exporter(http);
        }
        finally
        {
            http.Response.Body = body;
        }
        var written = answer.GetBuffer().AsMemory(0, (int)answer.Length);
        if (http.Response.StatusCode != StatusCodes.Status200OK)
        {
            await body.WriteAsync(written, http.RequestAborted);
            return;
        }
        bool openMetrics = http.Response.ContentType?.StartsWith("application/openmetrics-text", StringComparison.OrdinalIgnoreCase) == true;
        var family = new StringBuilder();
        durations.WriteTo(family, openMetrics);
        byte[] added = Encoding.UTF8.GetBytes(family.ToString());
        int head = openMetrics && written.Span.EndsWith(OpenMetricsEnd) ? written.Length - OpenMetricsEnd.Length : written.Length;
        if (http.Response.ContentLength is not null)
            http.Response.ContentLength = written.Length + added.Length;
        await body.WriteAsync(written[..head], http.RequestAborted);
        await body.WriteAsync(added, http.RequestAborted);
        await body.WriteAsync(written[head..], http.RequestAborted);
    }
}
