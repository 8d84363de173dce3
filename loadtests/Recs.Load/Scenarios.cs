using System.Net.Http.Headers;

namespace Recs.Load;

/// <summary>
/// Every request the suite sends and every phase it runs, in one place. A scenario names its request and the answer it
/// must get (status, and for recommendation answers the accepted <c>mode</c> values); a phase mixes scenarios by weight
/// under an open (scheduled) or closed (back-to-back) load. Thresholds refer to the phase names below.
/// </summary>
internal static class Scenarios
{
    public const string ClosedPing = "closed /ping";
    public const string ClosedCached = "closed cached";
    public const string OpenCached = "open cached";
    public const string OpenComputed = "open computed";
    public const string Mix = "mix";

    // Filters real clients send; each makes the list uncacheable, so it is computed on every request.
    private static readonly string[] Filters =
    [
        "min_year=1990",
        "exclude_genres=documentary,animation",
        "min_year=1980&max_year=2010&exclude_genres=horror",
        "genres=drama,thriller",
        "obscurity=0.7",
    ];

    public static readonly Scenario Ping = new("ping", _ => Get("/ping"), 200);

    public static readonly Scenario Cached = new("cached",
        c => Get($"/api/recomendacoes/{c.KnownUser()}?limit=20"), 200, ["ultra_fast"]);

    // In the mix a retrain swaps the model and invalidates every cached list, so the first request per person after
    // the swap computes it again; the mode histogram shows how many did.
    public static readonly Scenario CachedInMix = Cached with { ExpectedModes = ["ultra_fast", "computed"] };

    // /api/cache/{user} computes on every call (and stores the list), whatever the cache holds.
    public static readonly Scenario Computed = new("computed",
        c => Get($"/api/cache/{c.KnownUser()}"), 200, ["computed"]);

    public static readonly Scenario ComputedFiltered = new("computed filtered",
        c => Get($"/api/recomendacoes/{c.KnownUser()}?limit=20&{c.Pick(Filters)}"), 200, ["computed"]);

    public static readonly Scenario Unknown = new("unknown user",
        c => Get($"/api/recomendacoes/{c.UnknownUser()}?limit=20"), 200, ["fallback"]);

    // A fresh username each time, so every upload creates its person (201) and is folded into the model.
    public static readonly Scenario Upload = new("upload export", Upload_, 201, ["computed"]);

    public static readonly Scenario Health = new("health", _ => Get("/health"), 200);

    public static IReadOnlyList<Phase> Phases(SuiteSettings s) =>
    [
        Phase.Closed(ClosedPing, s.Connections, s.ClosedDuration, new WeightedScenario(Ping, 1)),
        Phase.Closed(ClosedCached, s.Connections, s.ClosedDuration, new WeightedScenario(Cached, 1)) with { WarmCache = true },
        Phase.Open(OpenCached, s.CachedRate, s.OpenDuration, new WeightedScenario(Cached, 1)) with { WarmCache = true },
        Phase.Open(OpenComputed, s.ComputedRate, s.OpenDuration, new WeightedScenario(Computed, 1)),
        Phase.Open(Mix, s.MixRate, s.MixDuration,
            new(CachedInMix, 80), new(ComputedFiltered, 14), new(Unknown, 4), new(Upload, 1), new(Health, 1))
            with { WarmCache = true, RetrainHalfway = true },
    ];

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    private static HttpRequestMessage Upload_(RequestContext c)
    {
        var content = new ByteArrayContent(c.ExportCsv());
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new HttpRequestMessage(HttpMethod.Post, $"/api/users/{c.FreshUser()}/ratings?limit=20") { Content = content };
    }
}
