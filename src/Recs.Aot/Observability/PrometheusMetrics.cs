using System.Diagnostics.Metrics;
using System.Reflection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Recs.Aot.Hosting;
using Recs.Aot.Http.Access;
using Recs.Aot.Http.OpenApi;

namespace Recs.Aot.Observability;

/// <summary>
/// Wires /metrics: the OpenTelemetry SDK collects Kestrel's and ASP.NET Core's diagnostics meters and
/// <see cref="RecsMetrics"/>, the Prometheus exporter writes them as text to operators (the same rule as every other
/// operator endpoint), and <see cref="ScrapeWithRequestDurations"/> adds <see cref="RequestDurations"/> to its answer.
/// </summary>
public static class PrometheusMetrics
{
    public const string Path = "/metrics";

    /// <summary>The Prometheus text exposition format the exporter answers unless a scraper asks for OpenMetrics.</summary>
    public const string ContentType = "text/plain; version=0.0.4";

    /// <summary>
    /// ASP.NET Core's meters that /metrics reports besides Recs' own. Not Microsoft.AspNetCore.Hosting: its request
    /// duration costs more per request than <see cref="RequestDurations"/>, which records the same histogram.
    /// </summary>
    public static readonly string[] FrameworkMeters =
    [
        // kestrel.active_connections, kestrel.connection.duration, kestrel.queued_connections, …
        "Microsoft.AspNetCore.Server.Kestrel",
        // aspnetcore.diagnostics.exceptions: exceptions the exception handler answered.
        "Microsoft.AspNetCore.Diagnostics",
    ];

    /// <summary>Registers <see cref="RecsMetrics"/> and, unless <c>Recs:Metrics</c> is false, the collection behind /metrics.</summary>
    public static WebApplicationBuilder AddPrometheusMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RecsMetrics>();
        if (!IsEnabled(builder.Configuration))
            return builder;
        builder.Services.AddSingleton<RequestDurations>();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("recs"))
            .WithMetrics(metrics => metrics
                .AddMeter(RecsMetrics.MeterName)
                .AddMeter(FrameworkMeters)
                // Scrapes are rare and operator-only; a cached scrape would hide what the last requests did.
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, metrics) =>
            metrics.AddView(Collected(services.GetRequiredService<IMeterFactory>())));
        return builder;
    }

    /// <summary>Times every request (the first middleware, so the exception handler's answers are timed too); nothing when metrics are off.</summary>
    public static WebApplication UseRequestDurations(this WebApplication app)
    {
        if (IsEnabled(app.Configuration))
            app.Use(app.Services.GetRequiredService<RequestDurations>().RecordAsync);
        return app;
    }

    /// <summary>Maps GET /metrics for operators, outside the public API's rate limit; nothing when metrics are off.</summary>
    public static WebApplication MapPrometheusMetrics(this WebApplication app)
    {
        // The exporter maps every method; a scrape is a GET (HEAD is rewritten to GET before routing), others are a 405.
        if (!IsEnabled(app.Configuration))
            return app;
        var durations = app.Services.GetRequiredService<RequestDurations>();
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null,
                branch => branch.Use((http, exporter) => ScrapeWithRequestDurations.InvokeAsync(http, exporter, durations)), optionsName: null)
            .RequireOperator()
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]))
            .WithMetadata(typeof(PrometheusMetrics).GetMethod(nameof(DescribedAsScrape), BindingFlags.NonPublic | BindingFlags.Static)!)
            .WithName("Metrics").WithTags(ApiTags.Operator)
            .WithSummary("Metrics in the Prometheus text format")
            .WithDescription("Request durations by route and status, Kestrel connections, rate-limit rejections, and Recs' own " +
                "instruments (recommendations by mode, cache look-ups, compute, upload, training and store timings, the " +
                "serving model's version and age). Not under the /api rate limit. A scraper that asks for " +
                "`application/openmetrics-text` gets OpenMetrics instead.")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), [ContentType]));
        return app;
    }

    // ASP.NET Core's API explorer describes only endpoints that carry a MethodInfo, and the exporter maps a bare
    // RequestDelegate; this method stands for it in /openapi/v1.json (it takes nothing and is never called).
    private static void DescribedAsScrape()
    {
    }

    private static bool IsEnabled(IConfiguration configuration) =>
        !bool.TryParse(configuration[$"Recs:{nameof(RecsOptions.Metrics)}"], out bool enabled) || enabled;

    // The SDK subscribes to meters by name across the whole process. Meters made by another host's IMeterFactory (a
    // second service in the same process, as in the tests) carry that factory as their scope and are dropped, so this
    // host's /metrics counts only its own requests. Meters without a scope are process-wide and kept.
    // Every kept stream is capped at CardinalityLimit series: the SDK sizes each stream's storage for its limit up
    // front, and its default of 2,000 points reserves space no instrument here comes near, for every one of a few
    // dozen instruments. RequestDurations (routes × known methods × statuses seen) keeps the same cap.
    private static Func<Instrument, MetricStreamConfiguration?> Collected(IMeterFactory own) =>
        instrument => instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, own)
            ? new MetricStreamConfiguration { CardinalityLimit = CardinalityLimit }
            : MetricStreamConfiguration.Drop;

    /// <summary>The most series one instrument reports; measurements past it are counted in an overflow series.</summary>
    public const int CardinalityLimit = 500;
}
