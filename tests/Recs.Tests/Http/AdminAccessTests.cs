using System.Net;
using Recs.Aot.Http;

namespace Recs.Tests.Http;

public sealed class AdminAccessTests
{
    [Theory]
    [InlineData("127.0.0.1", AdminAccess.Decision.Allowed)]
    [InlineData("::1", AdminAccess.Decision.Allowed)]
    [InlineData("10.1.2.3", AdminAccess.Decision.Forbidden)]
    [InlineData("2001:db8::7", AdminAccess.Decision.Forbidden)]
    public void Without_a_token_only_loopback_callers_may_retrain(string address, AdminAccess.Decision expected) =>
        Assert.Equal(expected, AdminAccess.Decide(null, "", IPAddress.Parse(address)));

    [Theory]
    [InlineData("Bearer s3cret", AdminAccess.Decision.Allowed)]
    [InlineData("Bearer s3cre", AdminAccess.Decision.Unauthorized)]
    [InlineData("Bearer s3cret ", AdminAccess.Decision.Unauthorized)]
    [InlineData("bearer s3cret", AdminAccess.Decision.Unauthorized)]
    [InlineData("", AdminAccess.Decision.Unauthorized)]
    public void With_a_token_every_caller_must_present_it(string header, AdminAccess.Decision expected)
    {
        Assert.Equal(expected, AdminAccess.Decide("s3cret", header, IPAddress.Parse("10.1.2.3")));
        Assert.Equal(expected, AdminAccess.Decide("s3cret", header, IPAddress.Loopback));
    }
}
