using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Primitives;

namespace Recs.Aot.Http.Access;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> is believed (<c>Recs:TrustedProxies</c>), and the client address
/// that follows from it. Used for rate limiting only: the operator check always uses the TCP peer.
/// </summary>
public sealed class TrustedProxies
{
    public const string ForwardedForHeader = "X-Forwarded-For";

    private readonly ClientNetwork[] _networks;

    private TrustedProxies(ClientNetwork[] networks) => _networks = networks;

    /// <summary>No proxy is trusted: every client is its TCP peer.</summary>
    public static TrustedProxies None { get; } = new([]);

    public bool IsEmpty => _networks.Length == 0;

    /// <summary>
    /// Parses a comma-separated list of addresses and CIDR ranges, e.g. <c>"10.0.0.0/8, 127.0.0.1, ::1"</c>; null or
    /// blank is <see cref="None"/>. Throws <see cref="FormatException"/> naming the first entry that is neither.
    /// </summary>
    public static TrustedProxies Parse(string? list)
    {
        var networks = new List<ClientNetwork>();
        foreach (var entry in (list ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (IPAddress.TryParse(entry, out var address))
                networks.Add(new ClientNetwork(Single(ClientKey.From(address).ToAddress())));
            else if (IPNetwork.TryParse(entry, out var network))
                networks.Add(new ClientNetwork(network));
            else
                throw new FormatException($"Recs:TrustedProxies: '{entry}' is not an IP address or a CIDR range such as 10.0.0.0/8");
        }
        return networks.Count == 0 ? None : new TrustedProxies([.. networks]);
    }

    /// <summary>Whether <paramref name="address"/> is a trusted proxy (an IPv4-mapped IPv6 address counts as its IPv4).</summary>
    public bool Contains(IPAddress address) => Contains(ClientKey.From(address));

    private bool Contains(ClientKey client)
    {
        foreach (var network in _networks)
        {
            if (network.Contains(client))
                return true;
        }
        return false;
    }

    /// <summary>The client of a request from <paramref name="socketAddress"/>, as an address; see <see cref="Client"/>.</summary>
    public IPAddress? ClientAddress(IPAddress? socketAddress, StringValues forwardedFor) =>
        Client(socketAddress, forwardedFor)?.ToAddress();

    /// <summary>
    /// The client of a request from <paramref name="socketAddress"/> (null without one). An untrusted peer is the
    /// client, whatever its <c>X-Forwarded-For</c> says. A trusted peer's header is read from the right, each entry
    /// having been appended by the proxy to its right, and the first address that is not a trusted proxy is the client
    /// (anything further left was written by the client and may be invented). If every hop is trusted, the left-most
    /// one is the client; an entry that is no address ends the walk at the trusted hop that passed it on. Allocates
    /// nothing unless a hop is written in a form other than dotted IPv4.
    /// </summary>
    public ClientKey? Client(IPAddress? socketAddress, StringValues forwardedFor)
    {
        if (socketAddress is null)
            return null;
        var client = ClientKey.From(socketAddress);
        if (!Contains(client))
            return client;
        // Several X-Forwarded-For fields mean the same as one field with their values joined by commas, in order.
        for (int field = forwardedFor.Count - 1; field >= 0; field--)
        {
            ReadOnlySpan<char> rest = forwardedFor[field];
            while (!rest.IsEmpty)
            {
                int comma = rest.LastIndexOf(',');
                var entry = rest[(comma + 1)..].Trim(" \t");
                rest = comma < 0 ? [] : rest[..comma];
                if (entry.IsEmpty)
                    continue;
                // Proxies write a bare address; some add the port ("203.0.113.7:51234", "[2001:db8::1]:443").
                if (!ClientKey.TryParse(entry, out var hop))
                    return client;
                client = hop;
                if (!Contains(hop))
                    return hop;
            }
        }
        return client;
    }

    private static IPNetwork Single(IPAddress address) =>
        new(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
}
