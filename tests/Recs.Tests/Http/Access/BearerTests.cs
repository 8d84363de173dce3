using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Recs.Aot.Http.Access;

namespace Recs.Tests.Http.Access;

public sealed class BearerTests
{
    [Theory]
    [InlineData("Bearer abc", "abc")]
    [InlineData("bearer abc", "abc")]
    [InlineData("BEARER abc", "abc")]
    [InlineData("  Bearer   abc \t", "abc")]
    [InlineData("Bearer\tabc", "abc")]
    [InlineData("Bearer rw_Zm9v-YmFy_", "rw_Zm9v-YmFy_")]
    public void Reads_the_token_whatever_the_scheme_case_and_surrounding_whitespace(string header, string expected) =>
        Assert.Equal(expected, Bearer.TokenOf(header));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Bearer")]
    [InlineData("Bearer   ")]
    [InlineData("Bearerabc")]
    [InlineData("Basic YWxhZGRpbjpvcGVuc2VzYW1l")]
    [InlineData("Bearer abc def")]
    [InlineData("Bearer a,Bearer b")]
    [InlineData("abc")]
    public void Anything_else_is_no_credential(string? header)
    {
        string? token = Bearer.TokenOf(header);
        Assert.True(token is null, $"'{header}' must not count as a bearer token, got '{token}'");
    }

    [Fact]
    public void Reads_the_token_from_the_request_header()
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Authorization = "bearer abc";
        Assert.Equal("abc", Bearer.TokenOf(http.Request));
        Assert.Null(Bearer.TokenOf(new DefaultHttpContext().Request));
    }

    [Fact]
    public void Two_authorization_headers_are_ambiguous_and_neither_is_believed()
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Authorization = new StringValues(["Bearer first", "Bearer second"]);
        string? token = Bearer.TokenOf(http.Request);
        Assert.True(token is null, $"two headers must not yield a token, got '{token}'");
        token = Bearer.TokenOf(http.Request.Headers.Authorization);
        Assert.True(token is null, $"two headers read as one joined value must not yield a token either, got '{token}'");
    }

    [Theory]
    [InlineData("k3y-for-servers", true)]
    [InlineData("k3y-for-server", false)]
    [InlineData("k3y-for-servers2", false)]
    [InlineData("K3Y-FOR-SERVERS", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_the_configured_secret_matches(string? presented, bool expected) =>
        Assert.Equal(expected, Bearer.Matches("k3y-for-servers", presented));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n")]
    public void Without_a_configured_secret_nothing_matches(string? configured)
    {
        Assert.False(Bearer.Matches(configured, ""), "an empty credential must not match an unset secret");
        Assert.False(Bearer.Matches(configured, configured), "the unset value itself must not match");
        Assert.False(Bearer.Matches(configured, "anything"));
    }

    [Fact]
    public void Whitespace_around_the_configured_secret_is_ignored() =>
        Assert.True(Bearer.Matches(" k3y\n", "k3y"), "a trailing newline from a secrets file must not lock clients out");
}
