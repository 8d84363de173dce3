namespace Recs.Tests.Support;

/// <summary>How a cut <see cref="TcpProxy"/> treats connections during an outage.</summary>
public enum OutageKind
{
    /// <summary>Open connections are reset and new ones reset at once, as a crashed host answers: the client fails fast.</summary>
    Refuse,

    /// <summary>Open connections are reset and new ones accepted but never answered, as behind a dropped route: the client waits for its own timeout.</summary>
    Blackhole,

    /// <summary>Open connections stay open and carry nothing, new ones are held: packets silently dropped mid-conversation.</summary>
    Stall,
}
