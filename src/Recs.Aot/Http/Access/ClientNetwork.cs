using System.Net;
using System.Net.Sockets;

namespace Recs.Aot.Http.Access;

/// <summary>
/// A trusted address range matched against <see cref="ClientKey"/>s without allocating. An IPv4 range matches only
/// IPv4 clients and an IPv6 range only IPv6 ones, so an IPv4-mapped client counts as the IPv4 address it is.
/// </summary>
internal readonly struct ClientNetwork
{
    private readonly UInt128 _prefix;
    private readonly UInt128 _mask;
    private readonly bool _ipv4;

    public ClientNetwork(IPNetwork network)
    {
        _ipv4 = network.BaseAddress.AddressFamily == AddressFamily.InterNetwork;
        // IPv4 keys carry the 96-bit ::ffff: prefix, which is part of what an IPv4 range fixes.
        int bits = network.PrefixLength + (_ipv4 ? 96 : 0);
        _mask = bits == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - bits);
        _prefix = ClientKey.From(network.BaseAddress).Value & _mask;
    }

    public bool Contains(ClientKey client) => client.IsIPv4 == _ipv4 && (client.Value & _mask) == _prefix;
}
