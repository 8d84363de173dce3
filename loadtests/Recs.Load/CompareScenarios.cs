namespace Recs.Load;

/// <summary>
/// The side-by-side run of Recs and the original Flask service (loadtests/compare-seed.sh): the same three scenarios,
/// users and loads against each. Phases run in this order because the first-time phase is what fills the cache the
/// cached phases read: it asks for users in the order of the users file, and the cached phases ask for the first
/// <see cref="SuiteSettings.CachedUsers"/> of them. Both services keep a list five minutes, far longer than the phases.
/// </summary>
internal static class CompareScenarios
{
    public const string FirstTime = "first-time";
    public const string ClosedCached = "closed cached";
    public const string OpenCached = "open cached";
    public const string ClosedUnknown = "closed unknown";
    public const string OpenUnknown = "open unknown";

    public static readonly Scenario Cached = new("cached",
        c => Get($"/api/recomendacoes/{c.CachedUser()}?limit=20"), 200, ["ultra_fast"]);

    // A person's first personalised list. Recs computes it on the first request; the peer answers popular films then
    // (the same work as an unknown user, measured below) and personalises only through /api/cache/{user}, which runs
    // its whole pipeline and answers {"cached": true} without a mode.
    public static readonly Scenario RecsFirstTime = new("first-time",
        c => Get($"/api/recomendacoes/{c.FirstTimeUser()}?limit=20"), 200, ["computed"]);

    public static readonly Scenario PeerFirstTime = new("first-time",
        c => Get($"/api/cache/{c.FirstTimeUser()}"), 200);

    public static readonly Scenario Unknown = new("unknown user",
        c => Get($"/api/recomendacoes/{c.UnknownUser()}?limit=20"), 200, ["fallback"]);

    public static IReadOnlyList<Phase> Phases(SuiteSettings s, CompareTarget target)
    {
        int firstTimeCap = Math.Min(s.FirstTimeRequests ?? int.MaxValue, s.Users.Count);
        var firstTime = target == CompareTarget.Recs ? RecsFirstTime : PeerFirstTime;
        return
        [
            Phase.Closed(FirstTime, s.FirstTimeConnections, s.ClosedDuration, new WeightedScenario(firstTime, 1)) with { MaxRequests = firstTimeCap },
            Phase.Closed(ClosedCached, s.Connections, s.ClosedDuration, new WeightedScenario(Cached, 1)),
            Phase.Open(OpenCached, s.CachedRate, s.OpenDuration, new WeightedScenario(Cached, 1)) with { RateFrom = ClosedCached },
            Phase.Closed(ClosedUnknown, s.Connections, s.ClosedDuration, new WeightedScenario(Unknown, 1)),
            Phase.Open(OpenUnknown, s.UnknownRate, s.OpenDuration, new WeightedScenario(Unknown, 1)) with { RateFrom = ClosedUnknown },
        ];
    }

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);
}
