using System.Text;
using Recs.Aot.Http.Access;

namespace Recs.Tests.Http.Access;

public sealed class Sha256Tests
{
    // FIPS 180-4's examples (NIST's "SHA256.pdf" worked examples and the long-message test).
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    [InlineData("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")]
    public void Hashes_the_standards_examples(string message, string expected)
    {
        Span<byte> hash = stackalloc byte[Sha256.HashSizeInBytes];
        Sha256.HashData(Encoding.ASCII.GetBytes(message), hash);
        Assert.Equal(expected, Convert.ToHexStringLower(hash));
    }

    [Fact]
    public void Hashes_a_million_letters_as_the_standard_gives()
    {
        var million = new byte[1_000_000];
        million.AsSpan().Fill((byte)'a');
        Span<byte> hash = stackalloc byte[Sha256.HashSizeInBytes];
        Sha256.HashData(million, hash);
        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Convert.ToHexStringLower(hash));
    }

    [Fact]
    public void Agrees_with_the_runtimes_sha256_at_every_length_up_to_300()
    {
        // Every padding case: tails of 0–63 bytes, the one-block/two-block boundary at 55/56, several whole blocks.
        var random = new Random(11);
        Span<byte> hash = stackalloc byte[Sha256.HashSizeInBytes];
        for (int length = 0; length <= 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Sha256.HashData(data, hash);
            var expected = System.Security.Cryptography.SHA256.HashData(data);
            Assert.True(hash.SequenceEqual(expected), $"hash of {length} random bytes differs from the runtime's SHA-256");
        }
    }

    [Fact]
    public void Writes_only_the_first_32_bytes_and_refuses_a_short_destination()
    {
        var hash = new byte[40];
        hash.AsSpan().Fill(0xEE);
        Sha256.HashData("abc"u8, hash);
        Assert.All(hash[32..], b => Assert.Equal(0xEE, b));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sha256.HashData("abc"u8, new byte[31]));
    }
}
