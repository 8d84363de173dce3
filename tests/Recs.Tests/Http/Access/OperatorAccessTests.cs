using System.Net;
using Recs.Aot.Http.Access;

namespace Recs.Tests.Http.Access;

public sealed class OperatorAccessTests
{
    [Theory]
    [InlineData("127.0.0.1", OperatorAccess.Decision.Allowed)]
    [InlineData("127.9.8.7", OperatorAccess.Decision.Allowed)]
    [InlineData("::1", OperatorAccess.Decision.Allowed)]
    [InlineData("::ffff:127.0.0.1", OperatorAccess.Decision.Allowed)]
    [InlineData("10.1.2.3", OperatorAccess.Decision.Forbidden)]
    [InlineData("::ffff:10.1.2.3", OperatorAccess.Decision.Forbidden)]
    [InlineData("2001:db8::7", OperatorAccess.Decision.Forbidden)]
    public void Without_a_token_only_loopback_callers_are_operators(string address, OperatorAccess.Decision expected)
    {
        Assert.Equal(expected, OperatorAccess.Decide(null, null, IPAddress.Parse(address)));
        Assert.Equal(expected, OperatorAccess.Decide("", "whatever", IPAddress.Parse(address)));
    }

    [Fact]
    public void Without_a_token_a_caller_of_unknown_address_is_forbidden() =>
        Assert.Equal(OperatorAccess.Decision.Forbidden, OperatorAccess.Decide(null, null, null));

    [Theory]
    [InlineData("s3cret", OperatorAccess.Decision.Allowed)]
    [InlineData("s3cre", OperatorAccess.Decision.Unauthorized)]
    [InlineData("s3cret2", OperatorAccess.Decision.Unauthorized)]
    [InlineData("S3CRET", OperatorAccess.Decision.Unauthorized)]
    [InlineData("", OperatorAccess.Decision.Unauthorized)]
    [InlineData(null, OperatorAccess.Decision.Unauthorized)]
    public void With_a_token_every_caller_must_present_it_even_on_loopback(string? presented, OperatorAccess.Decision expected)
    {
        Assert.Equal(expected, OperatorAccess.Decide("s3cret", presented, IPAddress.Parse("10.1.2.3")));
        Assert.Equal(expected, OperatorAccess.Decide("s3cret", presented, IPAddress.Loopback));
    }

    [Fact]
    public void Whitespace_around_the_configured_token_is_ignored() =>
        Assert.Equal(OperatorAccess.Decision.Allowed, OperatorAccess.Decide(" s3cret\n", "s3cret", IPAddress.Parse("10.1.2.3")));
}
