using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Recs.Aot.Http.Access;

namespace Recs.Tests.Http.Access;

public sealed class BearerCredentialTests
{
    [Theory]
    [InlineData("Bearer abc", "abc")]
    [InlineData("bearer abc", "abc")]
    [InlineData("BEARER abc", "abc")]
    [InlineData("  Bearer   abc \t", "abc")]
    [InlineData("Bearer\tabc", "abc")]
    [InlineData("Bearer rw_Zm9v-YmFy_", "rw_Zm9v-YmFy_")]
    public void Reads_the_token_whatever_the_scheme_case_and_surrounding_whitespace(string header, string expected)
    {
        Assert.True(BearerCredential.TryParse(header, out var token), $"'{header}' should carry a bearer token");
        Assert.Equal(expected, token);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Bearer")]
    [InlineData("Bearer   ")]
    [InlineData("Bearerabc")]
    [InlineData("Basic YWxhZGRpbjpvcGVuc2VzYW1l")]
    [InlineData("Bearer abc def")]
    [InlineData("abc")]
    public void Anything_else_is_no_credential(string header)
    {
        Assert.False(BearerCredential.TryParse(header, out var token), $"'{header}' must not count as a bearer token, got '{token}'");
        Assert.Null(token);
    }

    [Fact]
    public void Reads_the_token_from_the_request_header()
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Authorization = "bearer abc";
        Assert.True(BearerCredential.TryRead(http.Request, out var token));
        Assert.Equal("abc", token);
    }

    [Fact]
    public void A_request_without_authorization_has_no_credential()
    {
        Assert.False(BearerCredential.TryRead(new DefaultHttpContext().Request, out var token));
        Assert.Null(token);
    }

    [Fact]
    public void Two_authorization_headers_are_ambiguous_and_neither_is_believed()
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Authorization = new StringValues(["Bearer first", "Bearer second"]);
        Assert.False(BearerCredential.TryRead(http.Request, out var token), $"two headers must not yield a token, got '{token}'");
    }
}
