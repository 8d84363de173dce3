using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Recs.Engine.Demo;
using Recs.Tests.Http;
using Recs.Tests.Storage;
using Xunit.Abstractions;

namespace Recs.Tests.Browser;

/// <summary>
/// The page at / in Debian's Chromium, against the real service: what a person does with it (look someone up, filter,
/// download, upload an export) shows what the API answers, and errors read as sentences.
/// </summary>
public sealed class PageTests(ITestOutputHelper output)
{
    private const string ListSettled = "!document.getElementById('results').hasAttribute('aria-busy')";

    [SkippableFact]
    public async Task Page_shows_a_users_list_refreshes_it_on_a_filter_and_downloads_it_for_letterboxd_on_a_phone_screen()
    {
        Skip.IfNot(Chromium.IsInstalled, Chromium.SkipReason);
        var clock = Stopwatch.StartNew();
        await using var service = await PageService.StartWithDemoDataAsync();
        Log(clock, $"{service.Kind} service with demo data ready");
        await using var page = await BrowserPage.LaunchAsync(service.BaseAddress);
        Log(clock, $"Chromium {page.Version} launched");
        await page.SetViewportAsync(375, 740);
        Assert.Equal(200, await page.GotoAsync("/"));
        await AssertEveryControlIsLabelledAsync(page);

        // Keyboard only: Tab past the skip link to the username, type, Enter.
        await page.KeyboardAsync("Tab");
        await page.KeyboardAsync("Tab");
        Assert.Equal("username", (string?)await page.EvaluateAsync("document.activeElement.id"));
        Assert.NotEqual("none", (string?)await page.EvaluateAsync("getComputedStyle(document.activeElement).outlineStyle"));
        await page.FillAsync("#username", "demo_001");
        await page.PressAsync("#username", "Enter");
        string[] everything = await ShownTitlesAsync(page, "the list for demo_001");
        Assert.Equal(await ApiTitlesAsync(service, "demo_001?limit=20"), everything);
        Assert.All(await page.TextsAsync("#results .reason"), reason => Assert.False(string.IsNullOrWhiteSpace(reason)));
        Assert.Contains("20 films for 'demo_001'", await page.TextAsync("#status"));
        int width = (int)(await page.EvaluateAsync("document.documentElement.scrollWidth"))!;
        Assert.True(width <= 375, $"the page is {width} px wide at a 375 px viewport, so it scrolls sideways on a phone");

        // A filter change refreshes the list with what the API answers for that filter.
        await page.FillAsync("#genres", "Horror");
        await page.PressAsync("#genres", "Tab");
        string[] horror = await ShownTitlesAsync(page, "the list after choosing Horror", differentFrom: everything);
        Assert.Equal(await ApiTitlesAsync(service, "demo_001?limit=20&genres=Horror"), horror);
        await page.SelectAsync("#limit", "10");
        string[] ten = await ShownTitlesAsync(page, "the list after choosing 10 films", differentFrom: horror);
        Assert.Equal(horror.Take(10), ten);

        // The download is the Letterboxd list CSV of exactly the films shown.
        var (fileName, csv) = await page.DownloadAsync("#download-csv");
        Assert.Equal("recs-demo_001.csv", fileName);
        string[] lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Title,Year,LetterboxdURI", lines[0]);
        Assert.Equal(ten, lines.Skip(1).Select(line => line[..line.IndexOf(',', StringComparison.Ordinal)]));

        // Errors from the API read as sentences, not JSON.
        await page.FillAsync("#min-year", "2000");
        await page.FillAsync("#max-year", "1990");
        await page.PressAsync("#max-year", "Enter");
        string error = await ShownErrorAsync(page);
        Assert.Contains("A filter needs changing", error);
        Assert.Contains("'min_year' (2000) must not be after 'max_year' (1990).", error);
        Assert.DoesNotContain("{", error);
        Assert.Empty(await page.TextsAsync("#results li"));
        await page.FillAsync("#min-year", "");
        await page.FillAsync("#max-year", "");
        await page.FillAsync("#username", "nobody_here");
        await page.PressAsync("#username", "Enter");
        await ShownTitlesAsync(page, "the popular films shown for an unknown user");
        Assert.Contains("We don't know the user 'nobody_here' yet", await page.TextAsync("#status"));
        await page.FillAsync("#username", "bad.name");
        await page.PressAsync("#username", "Enter");
        Assert.Contains("That username can't be used", await ShownErrorAsync(page));

        Log(clock, "looked up, filtered, downloaded, errors shown");
        await UploadsAnExportAndKeepsItsWriteTokenAsync(page, service);
        Assert.Empty(await UnexpectedConsoleErrorsAsync(page));
        Log(clock, "uploaded");
    }

    [SkippableFact]
    public async Task Page_uploads_a_real_letterboxd_export_and_shows_that_persons_recommendations()
    {
        Skip.IfNot(Chromium.IsInstalled, Chromium.SkipReason);
        Skip.If(TestData.Root is null || !File.Exists(TestData.ExportB), TestData.SkipReason);
        var clock = Stopwatch.StartNew();
        await using var service = await PageService.StartWithMovieLensAsync(TestData.MovieLens);
        Log(clock, $"{service.Kind} service with MovieLens ready");
        await using var page = await BrowserPage.LaunchAsync(service.BaseAddress);
        Log(clock, $"Chromium {page.Version} launched");
        Assert.Equal(200, await page.GotoAsync("/"));

        // A MovieLens user the catalogue knows.
        await page.FillAsync("#username", "1");
        await page.PressAsync("#username", "Enter");
        string[] known = await ShownTitlesAsync(page, "the list for MovieLens user 1");
        Assert.Equal(await ApiTitlesAsync(service, "1?limit=20"), known);

        // A genuine export (673 ratings), chosen with the file picker and uploaded for a new username.
        await page.FillAsync("#username", "page_export_b");
        await page.SetFilesAsync("#export-file", TestData.ExportB);
        await page.ClickAsync("#upload-button");
        await page.WaitForAsync("document.getElementById('new-token')", "the upload's write token was not shown", 30_000);
        string summary = await page.TextAsync("#upload-summary");
        Assert.Matches(@"\d+ of 673 rated films matched the catalogue and were stored", summary);
        int matched = int.Parse(summary[..summary.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
        Assert.True(matched >= 100, $"only {matched} of the export's 673 films matched MovieLens titles: {summary}");
        string[] theirs = await ShownTitlesAsync(page, "the uploaded person's list", differentFrom: known);
        Assert.Contains("for 'page_export_b', computed in", await page.TextAsync("#status"));
        Assert.Equal(await ApiTitlesAsync(service, "page_export_b?limit=20"), theirs);
        Assert.Empty(await UnexpectedConsoleErrorsAsync(page));
        Log(clock, $"uploaded; {matched} of 673 films matched");
    }

    private void Log(Stopwatch clock, string step) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {step}");

    // Runs on the demo catalogue, so it needs no real data: an export of 20 demo films, uploaded through the page.
    private static async Task UploadsAnExportAndKeepsItsWriteTokenAsync(BrowserPage page, PageService service)
    {
        string folder = Directory.CreateTempSubdirectory("recs-page-upload-").FullName;
        try
        {
            string ratings = Path.Combine(folder, "ratings.csv");
            var horror = DemoCatalogue.Films().Where((_, i) => DemoCatalogue.GenreOf(i) == "Horror").Take(20);
            await File.WriteAllTextAsync(ratings, LetterboxdExportBuilder.RatingsCsv(horror.Select(f => (f, 5f))));
            await page.FillAsync("#username", "page_visitor");
            await page.SetFilesAsync("#export-file", ratings);
            await page.ClickAsync("#upload-button");
            await page.WaitForAsync("document.getElementById('new-token')", "the upload's write token was not shown");
            string token = await page.TextAsync("#new-token");
            Assert.StartsWith("rw_", token, StringComparison.Ordinal);
            Assert.Contains("All 20 rated films matched the catalogue and were stored.", await page.TextAsync("#upload-summary"));
            Assert.Equal(token, (string?)await page.EvaluateAsync("document.getElementById('write-token').value"));
            string[] theirs = await ShownTitlesAsync(page, "page_visitor's list");
            Assert.Contains("for 'page_visitor'", await page.TextAsync("#status"));
            // The filters chosen earlier (Horror, 10 films) still apply to the uploaded person's list.
            Assert.Equal(await ApiTitlesAsync(service, "page_visitor?limit=10&genres=Horror"), theirs);

            // Without the token the username is someone else's: the page says what to do.
            await page.FillAsync("#write-token", "");
            await page.ClickAsync("#upload-button");
            Assert.Contains("The username 'page_visitor' is already taken", await ShownErrorAsync(page));
            // With it (the page remembers it for the username), the same person may upload again.
            await page.FillAsync("#username", "page_visitor2");
            await page.PressAsync("#username", "Tab");
            await page.FillAsync("#username", "page_visitor");
            await page.PressAsync("#username", "Tab");
            Assert.Equal(token, (string?)await page.EvaluateAsync("document.getElementById('write-token').value"));
            await page.ClickAsync("#upload-button");
            await page.WaitForAsync("document.querySelector('#upload-summary p')", "the second upload was not summarised");
            Assert.Contains("All 20 rated films matched", await page.TextAsync("#upload-summary"));
            Assert.True((bool)(await page.EvaluateAsync("document.getElementById('error').hidden"))!, await page.TextAsync("#error"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task AssertEveryControlIsLabelledAsync(BrowserPage page)
    {
        var unlabelled = (await page.EvaluateAsync(
            "[...document.querySelectorAll('input, select, textarea')].filter(c => c.labels.length === 0).map(c => c.id || c.name)"))!;
        Assert.True(unlabelled.AsArray().Count == 0, $"controls without a label: {unlabelled.ToJsonString()}");
    }

    // Waits for the list to settle with at least one film (and, when given, other films than before) and returns the titles.
    private static async Task<string[]> ShownTitlesAsync(BrowserPage page, string what, string[]? differentFrom = null)
    {
        string changed = differentFrom is null
            ? "true"
            : $"[...document.querySelectorAll('#results .film-title')].map(t => t.textContent).join('\\n') !== {JsonSerializer.Serialize(string.Join('\n', differentFrom))}";
        await page.WaitForAsync($"{ListSettled} && document.querySelectorAll('#results li').length > 0 && ({changed})",
            $"{what} was not shown (status: '{await page.TextAsync("#status")}', error: '{await page.TextAsync("#error")}')");
        return await page.TextsAsync("#results .film-title");
    }

    private static async Task<string> ShownErrorAsync(BrowserPage page)
    {
        await page.WaitForAsync("!document.getElementById('error').hidden", "no error was shown");
        return await page.TextAsync("#error");
    }

    // Titles the API itself answers for the same request.
    private static async Task<string[]> ApiTitlesAsync(PageService service, string pathAndQuery)
    {
        using var response = await service.Http.GetAsync("/api/recomendacoes/" + pathAndQuery);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET /api/recomendacoes/{pathAndQuery} → {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToArray();
    }

    // Chromium logs every 4xx a fetch receives; those are the API answering as designed. Anything else (a script error,
    // a Content-Security-Policy violation) is a fault of the page.
    private static async Task<string[]> UnexpectedConsoleErrorsAsync(BrowserPage page) =>
        (await page.ConsoleErrorsAsync()).Where(e => !e.StartsWith("Failed to load resource: the server responded with a status of 4", StringComparison.Ordinal)).ToArray();
}
