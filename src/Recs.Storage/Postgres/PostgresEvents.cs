using System.Globalization;
using Recs.Engine.Storage;

namespace Recs.Storage.Postgres;

/// <summary>
/// The one NOTIFY channel replicas share and its payloads: "m:{id}" when a model is published, "p:{sequence}:{username}"
/// when a person's upload commits (sent inside the writing transaction, so it is delivered exactly when the write is
/// visible, and never for a write that rolled back).
/// </summary>
internal static class PostgresEvents
{
    public const string Channel = "recs_events";

    public static string ModelPublished(long id) => "m:" + id.ToString(CultureInfo.InvariantCulture);

    public static string PersonWritten(long sequence, string username) =>
        "p:" + sequence.ToString(CultureInfo.InvariantCulture) + ":" + username;

    /// <summary>Reads a payload written by this class; anything else (another version's, a person's psql) is ignored.</summary>
    public static bool TryParse(string payload, out ReplicaEvent parsed)
    {
        parsed = default;
        if (payload.Length < 3 || payload[1] != ':')
            return false;
        var rest = payload.AsSpan(2);
        switch (payload[0])
        {
            case 'm' when long.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out long id):
                parsed = new ReplicaEvent(ReplicaEventKind.ModelPublished, id, null);
                return true;
            case 'p':
                int colon = rest.IndexOf(':');
                if (colon <= 0 || colon == rest.Length - 1
                    || !long.TryParse(rest[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out long sequence))
                    return false;
                parsed = new ReplicaEvent(ReplicaEventKind.PersonWritten, sequence, rest[(colon + 1)..].ToString());
                return true;
            default:
                return false;
        }
    }
}
