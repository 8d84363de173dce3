using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Recs.Tests.Support;

namespace Recs.Tests.Http;

/// <summary>The page's files as HTTP resources: types, validators, security headers, and no rate limit.</summary>
public sealed partial class PageEndpointTests : IAsyncLifetime
{
    private RunningService? _service;

    private HttpClient Http => _service!.Http;

    // A store with nothing in it and a bucket of one request: the page must need neither data nor the API's allowance.
    public async Task InitializeAsync() =>
        _service = await RunningService.StartAsync(new MemoryRatingStore(), "--Recs:RateLimitPermitsPerSecond=1", "--Recs:RateLimitBurst=1");

    public async Task DisposeAsync() => await _service!.DisposeAsync();

    [Fact]
    public async Task Root_is_the_page_with_a_strong_etag_that_revalidates_to_304()
    {
        using var page = await Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", page.Content.Headers.ContentType?.CharSet);
        var etag = page.Headers.ETag;
        Assert.True(etag is { IsWeak: false }, $"ETag '{etag}' is missing or weak");
        Assert.True(page.Headers.CacheControl?.NoCache, "Cache-Control must make browsers revalidate the page");
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        string html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<label for=\"username\">", html);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/");
        again.Headers.IfNoneMatch.Add(etag!);
        using var revalidated = await Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());

        using var other = new HttpRequestMessage(HttpMethod.Get, "/");
        other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"some-older-version\""));
        using var changed = await Http.SendAsync(other);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    [Fact]
    public async Task Every_file_the_page_references_is_served_with_its_media_type()
    {
        string html = await Http.GetStringAsync("/");
        var references = LocalReference().Matches(html).Select(m => m.Groups["path"].Value).ToArray();
        Assert.Contains("/page/recs.css", references);
        Assert.Contains("/page/recs.js", references);
        foreach (string path in references)
        {
            using var response = await Http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} → {(int)response.StatusCode}");
            string expected = path.EndsWith(".css", StringComparison.Ordinal) ? "text/css" : "text/javascript";
            Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(response.Headers.ETag);
            Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task The_page_is_served_while_the_api_answers_429()
    {
        var api = new List<HttpStatusCode>();
        for (int i = 0; i < 5; i++)
        {
            using var response = await Http.GetAsync("/api/test/someone");
            api.Add(response.StatusCode);
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, api);
        for (int i = 0; i < 20; i++)
        {
            using var page = await Http.GetAsync(i % 2 == 0 ? "/" : "/page/recs.js");
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"request {i} for the page → {(int)page.StatusCode}");
        }
    }

    [GeneratedRegex("(?:href|src)=\"(?<path>/[^\"]+)\"")]
    private static partial Regex LocalReference();
}
