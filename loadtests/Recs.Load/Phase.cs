namespace Recs.Load;

/// <summary>
/// One measured stretch of load. Open phases send <see cref="Rate"/> requests per second; closed phases keep
/// <see cref="Connections"/> requests in flight. <see cref="WarmCache"/> computes every known user's list first, so
/// cached scenarios find it; <see cref="RetrainHalfway"/> starts a training in the middle of the phase.
/// <see cref="MaxRequests"/> ends a closed phase early after that many requests. An open phase with no rate of its own
/// runs at a fraction of the rate measured in the closed phase named by <see cref="RateFrom"/> (see <see cref="OpenRate"/>).
/// </summary>
internal sealed record Phase(
    string Name,
    LoadShape Shape,
    TimeSpan Duration,
    IReadOnlyList<WeightedScenario> Mix,
    double Rate = 0,
    int Connections = 0,
    bool WarmCache = false,
    bool RetrainHalfway = false,
    int? MaxRequests = null,
    string? RateFrom = null)
{
    public static Phase Open(string name, double rate, TimeSpan duration, params WeightedScenario[] mix) =>
        new(name, LoadShape.Open, duration, mix, Rate: rate);

    public static Phase Closed(string name, int connections, TimeSpan duration, params WeightedScenario[] mix) =>
        new(name, LoadShape.Closed, duration, mix, Connections: connections);

    /// <summary>What the phase asks for, as the report prints it.</summary>
    public string Target => Shape == LoadShape.Open ? $"{OpenRate.Format(Rate)} req/s open"
        : $"{Connections} conn closed" + (MaxRequests is { } n ? $", at most {n} requests" : "");
}
