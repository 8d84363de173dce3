using System.Net;
using Microsoft.Extensions.Primitives;
using Recs.Aot.Http.Access;

namespace Recs.Tests.Http.Access;

public sealed class TrustedProxiesTests
{
    private static readonly TrustedProxies Railway = TrustedProxies.Parse("10.0.0.0/8, 100.64.0.0/10");

    [Fact]
    public void Addresses_and_ranges_are_parsed_from_a_comma_separated_list()
    {
        var proxies = TrustedProxies.Parse(" 10.0.0.0/8,127.0.0.1 , ::1,fd00::/8");
        string[] inside = ["10.0.0.1", "10.255.255.255", "127.0.0.1", "::1", "fd12::3", "::ffff:10.9.8.7"];
        string[] outside = ["11.0.0.1", "127.0.0.2", "::2", "fe80::1", "192.168.1.1"];
        Assert.All(inside, a => Assert.True(proxies.Contains(IPAddress.Parse(a)), $"{a} should be trusted"));
        Assert.All(outside, a => Assert.False(proxies.Contains(IPAddress.Parse(a)), $"{a} should not be trusted"));
    }

    [Fact]
    public void A_range_written_with_host_bits_covers_the_whole_range()
    {
        var proxies = TrustedProxies.Parse("10.1.2.3/8");
        Assert.True(proxies.Contains(IPAddress.Parse("10.200.0.1")), "10.1.2.3/8 should be read as 10.0.0.0/8");
        Assert.False(proxies.Contains(IPAddress.Parse("11.1.2.3")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" , ")]
    public void No_list_trusts_nobody(string? list)
    {
        var proxies = TrustedProxies.Parse(list);
        Assert.True(proxies.IsEmpty);
        Assert.False(proxies.Contains(IPAddress.Loopback));
    }

    [Theory]
    [InlineData("proxy.internal")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/8; 127.0.0.1")]
    public void A_bad_entry_is_rejected_by_name(string list)
    {
        var error = Assert.Throws<FormatException>(() => TrustedProxies.Parse("127.0.0.1, " + list));
        Assert.Contains($"'{list.Trim()}'", error.Message);
        Assert.Contains("Recs:TrustedProxies", error.Message);
    }

    [Theory]
    // An untrusted peer is the client, whatever it writes.
    [InlineData("203.0.113.9", "198.51.100.1", "203.0.113.9")]
    [InlineData("203.0.113.9", null, "203.0.113.9")]
    // A trusted peer without the header is the client itself.
    [InlineData("10.0.0.2", null, "10.0.0.2")]
    [InlineData("10.0.0.2", "", "10.0.0.2")]
    // The right-most address that is not a trusted proxy; what the client wrote to its left is ignored.
    [InlineData("10.0.0.2", "198.51.100.1", "198.51.100.1")]
    [InlineData("10.0.0.2", "6.6.6.6, 198.51.100.1", "198.51.100.1")]
    [InlineData("10.0.0.2", "198.51.100.1, 10.0.0.3, 100.64.1.1", "198.51.100.1")]
    [InlineData("::ffff:10.0.0.2", "198.51.100.1", "198.51.100.1")]
    [InlineData("10.0.0.2", "2001:db8::1", "2001:db8::1")]
    // Ports some proxies add are dropped.
    [InlineData("10.0.0.2", "198.51.100.1:51234", "198.51.100.1")]
    [InlineData("10.0.0.2", "[2001:db8::1]:443", "2001:db8::1")]
    // Every hop trusted: the left-most.
    [InlineData("10.0.0.2", "10.0.0.5, 10.0.0.3", "10.0.0.5")]
    // An entry that is no address stops at the trusted hop that passed it on.
    [InlineData("10.0.0.2", "198.51.100.1, unknown", "10.0.0.2")]
    [InlineData("10.0.0.2", "unknown, 10.0.0.3", "10.0.0.3")]
    [InlineData("10.0.0.2", "198.51.100.1,, 10.0.0.3", "198.51.100.1")]
    public void The_client_is_the_first_untrusted_hop_from_the_right(string socket, string? forwardedFor, string expected)
    {
        var client = Railway.ClientAddress(IPAddress.Parse(socket), forwardedFor is null ? StringValues.Empty : new StringValues(forwardedFor));
        Assert.Equal(IPAddress.Parse(expected), client);
    }

    [Fact]
    public void Several_forwarded_for_fields_are_read_as_one_list_in_order()
    {
        var socket = IPAddress.Parse("10.0.0.2");
        Assert.Equal(IPAddress.Parse("198.51.100.1"), Railway.ClientAddress(socket, new StringValues(["198.51.100.1", "10.0.0.3"])));
        Assert.Equal(IPAddress.Parse("198.51.100.1"), Railway.ClientAddress(socket, new StringValues(["6.6.6.6", "198.51.100.1"])));
    }

    [Fact]
    public void Without_trusted_proxies_the_header_is_ignored()
    {
        var socket = IPAddress.Parse("10.0.0.2");
        Assert.Equal(socket, TrustedProxies.None.ClientAddress(socket, new StringValues("198.51.100.1")));
        Assert.Null(Railway.ClientAddress(null, new StringValues("198.51.100.1")));
    }
}
