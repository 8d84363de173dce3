using System.Security.Cryptography;
using System.Text;
using Recs.Aot.Http.Access;

namespace Recs.Tests.Http.Access;

public sealed class SecretComparisonTests
{
    [Theory]
    [InlineData("s3cret", "s3cret", true)]
    [InlineData("s3cret", "s3cre", false)]
    [InlineData("s3cret", "s3cret ", false)]
    [InlineData("s3cret", "S3CRET", false)]
    [InlineData("", "", true)]
    [InlineData("", "x", false)]
    [InlineData("clé-é", "clé-é", true)]
    [InlineData("clé-é", "cle-e", false)]
    public void Secrets_match_only_when_ordinally_equal(string presented, string expected, bool match) =>
        Assert.Equal(match, SecretComparison.Matches(presented, expected));

    [Fact]
    public void Long_secrets_are_compared_in_full()
    {
        // Beyond the stack buffer, so the pooled path is exercised; they differ only in the last character.
        string expected = new string('k', 1000) + "a";
        Assert.True(SecretComparison.Matches(expected, expected));
        Assert.False(SecretComparison.Matches(new string('k', 1000) + "b", expected));
    }

    [Fact]
    public void Hashes_are_sha256_of_the_utf8_bytes_at_every_length()
    {
        var random = new Random(7);
        Span<byte> hash = stackalloc byte[32];
        for (int length = 0; length <= 600; length += 7)
        {
            var text = new string([.. Enumerable.Range(0, length).Select(_ => (char)random.Next(0x20, 0x3000))]);
            SecretComparison.Sha256OfUtf8(text, hash);
            Assert.True(hash.SequenceEqual(SHA256.HashData(Encoding.UTF8.GetBytes(text))), $"hash differs from SHA-256 of the UTF-8 bytes at length {length}");
        }
    }
}
