namespace Recs.Load;

internal enum LoadShape
{
    /// <summary>Requests sent at a fixed schedule whatever the server does; latency counts from the scheduled time.</summary>
    Open,

    /// <summary>A fixed number of connections, each sending its next request as soon as the last is answered.</summary>
    Closed,
}
