using Microsoft.AspNetCore.Http;
using Recs.Aot.Http.Access;

namespace Recs.Tests.Http.Access;

public sealed class ApiKeyTests
{
    [Theory]
    [InlineData("k3y-for-servers", true)]
    [InlineData("k3y-for-server", false)]
    [InlineData("k3y-for-servers2", false)]
    [InlineData("K3Y-FOR-SERVERS", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_the_configured_key_is_the_api_key(string? presented, bool expected) =>
        Assert.Equal(expected, ApiKey.Matches("k3y-for-servers", presented));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n")]
    public void Without_a_configured_key_nothing_is_the_api_key(string? configured)
    {
        Assert.False(ApiKey.Matches(configured, ""), "an empty credential must not match an unset key");
        Assert.False(ApiKey.Matches(configured, configured), "the unset value itself must not match");
        Assert.False(ApiKey.Matches(configured, "anything"));
    }

    [Fact]
    public void Whitespace_around_the_configured_key_is_ignored() =>
        Assert.True(ApiKey.Matches(" k3y\n", "k3y"), "a trailing newline from a secrets file must not lock clients out");

    [Theory]
    [InlineData("Bearer k3y", true)]
    [InlineData("bearer k3y", true)]
    [InlineData("Bearer k3y2", false)]
    [InlineData("Basic k3y", false)]
    [InlineData(null, false)]
    public void The_key_is_read_from_the_bearer_header(string? header, bool expected)
    {
        var http = new DefaultHttpContext();
        if (header is not null)
            http.Request.Headers.Authorization = header;
        Assert.Equal(expected, ApiKey.IsPresentedIn(http.Request, "k3y"));
    }
}
