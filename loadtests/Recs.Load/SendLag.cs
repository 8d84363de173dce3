namespace Recs.Load;

/// <summary>
/// How late an open-loop phase's requests left the client, in milliseconds, how many were not sent because too many
/// were waiting for an answer, and how long sending the schedule took. A large lag means the client, not the server,
/// limited the phase.
/// </summary>
internal sealed record SendLag(double P99Ms, double MaxMs, int Backlogged, double Seconds)
{
    public static readonly SendLag None = new(0, 0, 0, 0);
}
