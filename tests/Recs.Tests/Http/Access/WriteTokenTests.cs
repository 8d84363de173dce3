using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Recs.Aot.Http.Access;

namespace Recs.Tests.Http.Access;

public sealed class WriteTokenTests
{
    [Fact]
    public void New_tokens_are_prefixed_url_safe_and_carry_at_least_128_random_bits()
    {
        var (token, _) = WriteToken.Create();
        Assert.StartsWith(WriteToken.Prefix, token);
        Assert.Equal(WriteToken.Length, token.Length);
        string body = token[WriteToken.Prefix.Length..];
        Assert.True(body.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'), $"'{token}' has characters that are not URL-safe");
        int bits = 8 * Base64Url.DecodeFromChars(body).Length;
        Assert.True(bits >= 128, $"a token carries {bits} random bits; at least 128 are needed");
    }

    [Fact]
    public void Tokens_do_not_repeat()
    {
        var tokens = Enumerable.Range(0, 10_000).Select(_ => WriteToken.Create().Token).ToHashSet();
        Assert.Equal(10_000, tokens.Count);
    }

    [Fact]
    public void The_stored_hash_is_sha256_of_the_utf8_token()
    {
        var (token, created) = WriteToken.Create();
        byte[] hash = WriteToken.Hash(token);
        Assert.Equal(32, hash.Length);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), hash);
        Assert.Equal(hash, created);
    }

    [Fact]
    public void A_token_verifies_against_its_own_hash_only()
    {
        var (token, stored) = WriteToken.Create();
        Assert.True(WriteToken.Verify(token, stored), "the token must verify against its own hash");
        char last = token[^1];
        string[] others = [WriteToken.Create().Token, token[..^1] + (last == 'A' ? 'B' : 'A'), token + " ", token[..^1], "", token.ToUpperInvariant()];
        foreach (var other in others.Where(o => o != token))
            Assert.False(WriteToken.Verify(other, stored), $"'{other}' must not verify against the hash of '{token}'");
        Assert.False(WriteToken.Verify(null, stored), "no token must not verify");
    }

    [Fact]
    public void A_stored_value_that_is_not_a_32_byte_hash_never_verifies()
    {
        var (token, stored) = WriteToken.Create();
        Assert.False(WriteToken.Verify(token, stored.AsSpan(0, 31)), "a truncated hash must not verify");
        Assert.False(WriteToken.Verify(token, [.. stored, 0]), "a hash with an extra byte must not verify");
        Assert.False(WriteToken.Verify(token, []), "an empty stored value must not verify");
    }
}
