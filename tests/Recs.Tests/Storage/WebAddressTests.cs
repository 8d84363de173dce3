using System.Text;
using Recs.Storage.Import;

namespace Recs.Tests.Storage;

/// <summary>
/// The export parser's address check agrees with <see cref="Uri.TryCreate(string, UriKind, out Uri)"/> on every input,
/// and its allocation-free path accepts only what Uri accepts.
/// </summary>
public sealed class WebAddressTests
{
    // Pieces that Uri treats specially: schemes in odd case (and a long s, which upper-cases to S), separators, ports at
    // and over the limit, punycode, IPv4 and IPv6 hosts, user information, escapes, spaces and non-ASCII letters.
    private static readonly string[] Pieces =
    [
        "http://", "https://", "HTTPS://", "hTtP://", "httpſ://", "ftp://", "http:", "https:/", "//", "/", "\\", ".", "..", ":",
        ":0", ":80", ":65535", ":65536", ":99999", ":000080", "a", "boxd", "it", "letterboxd", "com", "film", "-", "a-b", "-a", "xn--",
        "xn--bcher-kva", "1", "255", "999", "0x7f", "4294967296", "[::1]", "[", "]", "@", "ann@", "%", "%41", "%zz", "?", "#", "=",
        "&", "+", "~", "_", " ", "\t", "é", "ſ", "K", new('a', 63), new('b', 64), "!", "'", "(", ")", "*", ",", ";", "|", "\"", "<",
        "{", "^", "`",
    ];

    private static bool Reference(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http";

    [Fact]
    public void Random_addresses_are_judged_as_uri_judges_them_and_the_plain_path_accepts_only_what_uri_accepts()
    {
        var random = new Random(20261128);
        int plain = 0, accepted = 0;
        for (int i = 0; i < 200_000; i++)
        {
            var text = new StringBuilder(random.Next(3) == 0 ? "" : Pieces[random.Next(4)]);
            for (int n = random.Next(1, 10); n > 0; n--)
                text.Append(Pieces[random.Next(Pieces.Length)]);
            string address = text.ToString();
            bool expected = Reference(address);
            Assert.True(expected == WebAddress.IsHttp(address), $"'{address}': Uri says {expected}, the check says {!expected}");
            bool isPlain = WebAddress.IsPlain(address);
            Assert.False(isPlain && !expected, $"'{address}' was taken as a plain address, but Uri refuses it");
            plain += isPlain ? 1 : 0;
            accepted += expected ? 1 : 0;
        }
        // The inputs must exercise both paths, or the comparison above proves little.
        Assert.True(plain > 2_000 && accepted - plain > 2_000, $"{plain} plain addresses and {accepted - plain} others accepted");
    }

    [Theory]
    [InlineData("https://boxd.it/2a1M")]
    [InlineData("https://letterboxd.com/film/the-good-the-bad-and-the-ugly/")]
    [InlineData("HTTP://LETTERBOXD.COM/FILM/HEAT")]
    [InlineData("https://letterboxd.com:443/film/heat/?x=1&y=(2)#top")]
    [InlineData("http://localhost")]
    public void Addresses_of_exports_take_the_plain_path(string address)
    {
        Assert.True(Reference(address), $"Uri should accept '{address}'");
        Assert.True(WebAddress.IsPlain(address), $"'{address}' should not need a Uri");
    }

    [Theory]
    [InlineData("https://a.com/b c")]
    [InlineData("https://é.com/")]
    [InlineData("https://ann@letterboxd.com/film/heat/")]
    [InlineData("https://1.2.3.4/")]
    [InlineData("https://[::1]/")]
    [InlineData("https://a.com:/x")]
    [InlineData("https://a.com.")]
    [InlineData("https://a.com/%zz")]
    [InlineData("https://-a.com/")]
    [InlineData("https://")]
    [InlineData("http:/x")]
    [InlineData("https:\\\\a.com\\b")]
    [InlineData("https://a.com:65536/")]
    [InlineData("https://a..com/")]
    [InlineData("httpſ://a.com/")]
    [InlineData("ftp://a.com/")]
    [InlineData("")]
    public void Addresses_off_the_plain_path_are_judged_by_uri(string address)
    {
        Assert.False(WebAddress.IsPlain(address), $"'{address}' should be left to Uri");
        Assert.Equal(Reference(address), WebAddress.IsHttp(address));
    }

    [Fact]
    public void A_plain_address_is_checked_without_allocating()
    {
        const string address = "https://letterboxd.com/film/the-good-the-bad-and-the-ugly/";
        WebAddress.IsHttp(address);
        long before = GC.GetAllocatedBytesForCurrentThread();
        bool accepted = WebAddress.IsHttp(address);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(accepted);
        Assert.True(allocated == 0, $"checking a plain address allocated {allocated} B");
    }
}
