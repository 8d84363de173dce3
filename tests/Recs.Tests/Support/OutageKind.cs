namespace Recs.Tests.Support;

/// <summary>How a cut <see cref="TcpProxy"/> treats connections that arrive during the outage.</summary>
public enum OutageKind
{
    /// <summary>Reset at once, as a host with nothing listening answers: the client fails fast.</summary>
    Refuse,

    /// <summary>Accepted and never answered, as behind a dropped route: the client waits for its own timeout.</summary>
    Blackhole,
}
