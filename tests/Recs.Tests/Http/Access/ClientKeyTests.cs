using System.Net;
using Recs.Aot.Http.Access;

namespace Recs.Tests.Http.Access;

public sealed class ClientKeyTests
{
    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("10.0.0.1")]
    // Read by IPAddress itself, the way it always read them: octal, shortened forms, IPv6, ports.
    [InlineData("010.1.1.1")]
    [InlineData("1.2.3")]
    [InlineData("2001:db8::1")]
    [InlineData("::ffff:198.51.100.1")]
    [InlineData("198.51.100.1:51234")]
    [InlineData("[2001:db8::1]:443")]
    public void A_forwarded_hop_parses_to_the_address_IPAddress_reads(string hop)
    {
        Assert.True(ClientKey.TryParse(hop, out var key), $"{hop} was refused");
        var expected = IPAddress.TryParse(hop, out var bare) ? bare : IPEndPoint.Parse(hop).Address;
        if (expected.IsIPv4MappedToIPv6)
            expected = expected.MapToIPv4();
        Assert.Equal(expected, key.ToAddress());
    }

    [Theory]
    [InlineData("256.1.1.1")]
    [InlineData("1.2.3.4.5")]
    [InlineData("unknown")]
    [InlineData("")]
    public void What_is_no_address_is_refused(string hop) => Assert.False(ClientKey.TryParse(hop, out _), $"{hop} was accepted");

    [Fact]
    public void An_IPv4_client_is_one_key_however_its_socket_reports_it() =>
        Assert.Equal(ClientKey.From(IPAddress.Parse("198.51.100.1")), ClientKey.From(IPAddress.Parse("::ffff:198.51.100.1")));
}
