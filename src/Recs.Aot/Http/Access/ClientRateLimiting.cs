using System.Globalization;
using Recs.Aot.Hosting;
using Recs.Aot.Observability;

namespace Recs.Aot.Http.Access;

/// <summary>
/// The per-client rate limit of the /api endpoints: one token bucket per client address (<c>Recs:RateLimitBurst</c>
/// requests at once, <c>Recs:RateLimitPermitsPerSecond</c> a second after that), the client found through
/// <c>Recs:TrustedProxies</c>; a refused request is answered 429 problem+json with Retry-After.
/// </summary>
internal static class ClientRateLimiting
{
    /// <summary>Registers the limiter; throws <see cref="FormatException"/> for a mistyped proxy list.</summary>
    public static void AddClientRateLimiting(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Recs").Get<RecsOptions>() ?? new RecsOptions();
        // Parsed here so a mistyped proxy list stops the start instead of silently trusting nobody (or everybody).
        var proxies = TrustedProxies.Parse(options.TrustedProxies);
        builder.Services.AddSingleton(new ClientRateLimiter(proxies, options.RateLimitBurst, options.RateLimitPermitsPerSecond));
    }

    /// <summary>Counts the group's requests against their client's bucket.</summary>
    public static RouteGroupBuilder RequireClientRateLimit(this RouteGroupBuilder group) =>
        group.WithMetadata(ClientRateLimited.Instance);

    /// <summary>The limiting middleware; it goes after routing, which finds the endpoint and its marking.</summary>
    public static IApplicationBuilder UseClientRateLimit(this IApplicationBuilder app)
    {
        var limiter = app.ApplicationServices.GetRequiredService<ClientRateLimiter>();
        var metrics = app.ApplicationServices.GetRequiredService<RecsMetrics>();
        return app.Use((http, next) => limiter.TryAdmit(http, out var retryAfter) ? next(http) : RefuseAsync(http, retryAfter, limiter.PerSecond, metrics));
    }

    private static async Task RefuseAsync(HttpContext http, TimeSpan retryAfter, int perSecond, RecsMetrics metrics)
    {
        metrics.RequestRateLimited();
        int seconds = System.Math.Max(1, (int)System.Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Type = "https://recs.dev/problems/too-many-requests",
                Detail = $"rate limit of {perSecond} requests per second exceeded; retry after {seconds}s",
            },
        });
    }
}
