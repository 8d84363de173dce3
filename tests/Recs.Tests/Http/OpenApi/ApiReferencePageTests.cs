using System.Net;
using System.Text.RegularExpressions;
using Recs.Aot.Http.OpenApi;
using Recs.Tests.Support;

namespace Recs.Tests.Http.OpenApi;

/// <summary>/docs over real HTTP: an HTML page that loads nothing from another host and is not held to the /api rate limit.</summary>
public sealed partial class ApiReferencePageTests(ApiReferenceFixture fixture) : IClassFixture<ApiReferenceFixture>
{
    private RunningService Service => fixture.Service;

    [Fact]
    public async Task Docs_answers_an_html_page_that_references_no_other_host()
    {
        using var response = await Service.Http.GetAsync(ApiReference.DocsPath);
        string html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {ApiReference.DocsPath} → {(int)response.StatusCode}: {html}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);

        var external = AbsoluteUrl().Matches(html).Select(m => m.Value).Where(u => !IsLoopback(u)).ToList();
        Assert.True(external.Count == 0, $"/docs references other hosts: {string.Join(", ", external)}");
    }

    [Fact]
    public async Task Docs_turns_off_the_web_fonts_telemetry_and_assistant_that_would_reach_the_internet()
    {
        string html = await Service.Http.GetStringAsync(ApiReference.DocsPath);
        foreach (string setting in new[] { "\"withDefaultFonts\":false", "\"telemetry\":false", "\"agent\":{\"disabled\":true}", "\"mcp\":{\"disabled\":true}" })
            Assert.True(html.Contains(setting, StringComparison.Ordinal), $"/docs configuration lacks {setting}: {html}");
    }

    [Fact]
    public async Task Docs_scripts_are_served_by_the_service_itself()
    {
        using var page = await Service.Http.GetAsync(ApiReference.DocsPath);
        var pageUri = page.RequestMessage!.RequestUri!;
        string html = await page.Content.ReadAsStringAsync();
        var scripts = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (string script in scripts)
        {
            using var response = await Service.Http.GetAsync(new Uri(pageUri, script));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"script {script} of /docs → {(int)response.StatusCode}");
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 0, $"script {script} is empty");
        }
    }

    [Fact]
    public async Task Docs_are_not_held_to_the_api_rate_limit()
    {
        for (int i = 0; i < 4 * ApiReferenceFixture.Burst; i++)
        {
            using var response = await Service.Http.GetAsync(ApiReference.DocsPath);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"request {i + 1} to /docs → {(int)response.StatusCode}");
        }
        // The limit itself is in force: the same number of /api requests is refused past the burst.
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 4 * ApiReferenceFixture.Burst; i++)
        {
            using var response = await Service.Http.GetAsync("/api/test/someone");
            statuses.Add(response.StatusCode);
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.IsLoopback || uri.Host == "localhost");

    [GeneratedRegex(@"https?://[^\s""'<>)]+", RegexOptions.IgnoreCase)]
    private static partial Regex AbsoluteUrl();

    [GeneratedRegex(@"<script[^>]*\ssrc=""([^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSource();
}
