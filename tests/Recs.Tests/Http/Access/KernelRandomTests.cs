using Recs.Aot.Http.Access;

namespace Recs.Tests.Http.Access;

public sealed class KernelRandomTests
{
    [Fact]
    public void Fills_every_short_length_and_never_repeats_a_fill()
    {
        var seen = new HashSet<string>();
        for (int length = 0; length <= 300; length++)
        {
            var bytes = new byte[length + 2];
            bytes[0] = bytes[^1] = 0xA5;
            KernelRandom.Fill(bytes.AsSpan(1, length));
            Assert.True(bytes[0] == 0xA5 && bytes[^1] == 0xA5, $"a fill of {length} bytes wrote outside its span");
            if (length >= 16)
                Assert.True(seen.Add(Convert.ToHexString(bytes, 1, length)), $"two fills of {length} bytes were equal");
        }
    }

    [Fact]
    public void A_long_fill_is_whole_and_evenly_spread()
    {
        // Past 256 bytes the kernel may return part of a request; the rest must still be filled. 4 MB of uniform bytes
        // put 16,384 in each of the 256 values; a chi-square statistic (255 degrees of freedom) above 400 happens by
        // chance about once in a hundred thousand runs, and a buffer whose tail was left zero fails it by far.
        var bytes = new byte[4 << 20];
        KernelRandom.Fill(bytes);
        var counts = new long[256];
        foreach (byte b in bytes)
            counts[b]++;
        double expected = bytes.Length / 256.0;
        double chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chiSquare < 400, $"byte counts are not uniform: chi-square {chiSquare:F0} over 255 degrees of freedom");
        Assert.NotEqual(0, bytes[^1] | bytes[^2] | bytes[^3] | bytes[^4]);
    }
}
