using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Recs.Engine.Catalog;
using Recs.Engine.Demo;
using Recs.Tests.Support;

namespace Recs.Tests.Http;

/// <summary>
/// POST /api/users/{username}/ratings end to end over real HTTP: Letterboxd exports are matched to the demo catalogue,
/// stored, and recommended from straight away and on later requests; bad files are refused with nothing stored.
/// </summary>
public abstract class RatingsUploadContract<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : ServiceFixture
{

    private static readonly string[] PersonalModes = ["computed", "ultra_fast"];

    private static readonly IReadOnlyList<Film> Films = DemoCatalogue.Films();

    private RunningService Service => fixture.Service;

    [Fact]
    public async Task Uploaded_csv_is_matched_stored_and_recommended_from_at_once_and_later()
    {
        long ratingsBefore = await StoredRatingsAsync();
        var loved = FilmsOfGenre("Horror").Take(25).Select(f => (f, 5f));
        var disliked = FilmsOfGenre("Comedy").Take(10).Select(f => (f, 1f));
        string csv = LetterboxdExportBuilder.RatingsCsv(loved.Concat(disliked));

        using var response = await PostAsync("horror_fan", csv, "text/csv");
        using var doc = await ReadJsonAsync(response, HttpStatusCode.Created);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("new_user").GetBoolean());
        Assert.Equal(35, root.GetProperty("ratings_received").GetInt32());
        Assert.Equal(35, root.GetProperty("ratings_matched").GetInt32());
        Assert.Equal(35, root.GetProperty("ratings_stored").GetInt32());
        Assert.Equal(0, root.GetProperty("unmatched_count").GetInt32());
        Assert.Equal(ratingsBefore + 35, await StoredRatingsAsync());

        var recommendations = root.GetProperty("recommendations");
        Assert.Equal("computed", recommendations.GetProperty("mode").GetString());
        var slugs = Slugs(recommendations);
        Assert.Equal(20, slugs.Count);
        Assert.True(slugs.Count(s => GenreOf(s) == "Horror") >= 14, $"a horror fan got {string.Join(", ", slugs.Select(GenreOf))}");
        var rated = FilmsOfGenre("Horror").Take(25).Concat(FilmsOfGenre("Comedy").Take(10)).Select(f => f.Slug).ToHashSet();
        Assert.DoesNotContain(slugs, rated.Contains);

        // The upload's reply computed (and cached) the list, so later requests are served from the cache.
        using var later = await Service.GetJsonAsync("/api/recomendacoes/HORROR_FAN?limit=100");
        Assert.Contains(later.RootElement.GetProperty("mode").GetString(), PersonalModes);
        Assert.DoesNotContain(Slugs(later.RootElement), rated.Contains);
        using var cached = await Service.GetJsonAsync("/api/recomendacoes/horror_fan");
        Assert.Equal("ultra_fast", cached.RootElement.GetProperty("mode").GetString());

        using var test = await Service.GetJsonAsync("/api/test/horror_fan");
        Assert.True(test.RootElement.GetProperty("exists").GetBoolean());
        Assert.Equal(35, test.RootElement.GetProperty("ratings").GetInt32());
        using var debug = await Service.GetJsonAsync("/api/debug/horror_fan");
        Assert.True(debug.RootElement.GetProperty("exists").GetBoolean());
        Assert.Equal("Horror", debug.RootElement.GetProperty("model").GetProperty("favourite_genres")[0].GetString());
    }

    [Fact]
    public async Task Watched_and_watchlisted_films_from_an_export_zip_are_never_recommended()
    {
        var horror = FilmsOfGenre("Horror").ToList();
        var rated = horror.Take(15).ToList();
        var watched = horror.Skip(15).Take(10).ToList();
        var watchlist = horror.Skip(25).Take(10).ToList();
        byte[] zip = LetterboxdExportBuilder.Zip(
            ("profile.csv", "Date Joined,Username\n2020-01-01,zipper\n"),
            ("ratings.csv", LetterboxdExportBuilder.RatingsCsv(rated.Select(f => (f, 5f)))),
            ("watched.csv", LetterboxdExportBuilder.ListCsv(watched.Concat(rated))),
            ("watchlist.csv", LetterboxdExportBuilder.ListCsv(watchlist)));

        using var response = await PostAsync("zip_user", zip, "application/zip", "?limit=100");
        using var doc = await ReadJsonAsync(response, HttpStatusCode.Created);
        var root = doc.RootElement;
        Assert.Equal(15, root.GetProperty("ratings_stored").GetInt32());
        Assert.Equal(25, root.GetProperty("watched_received").GetInt32());
        Assert.Equal(10, root.GetProperty("watchlist_received").GetInt32());
        Assert.Equal(35, root.GetProperty("excluded_films").GetInt32());

        var never = rated.Concat(watched).Concat(watchlist).Select(f => f.Slug).ToHashSet();
        var immediate = Slugs(root.GetProperty("recommendations"));
        Assert.Equal(100, immediate.Count);
        Assert.DoesNotContain(immediate, never.Contains);
        Assert.Contains(immediate, s => GenreOf(s) == "Horror");

        using var later = await Service.GetJsonAsync("/api/recomendacoes/zip_user?limit=100&genres=horror");
        Assert.Equal("computed", later.RootElement.GetProperty("mode").GetString());
        var filtered = Slugs(later.RootElement);
        Assert.NotEmpty(filtered);
        Assert.DoesNotContain(filtered, never.Contains);
    }

    [Fact]
    public async Task Watched_films_stay_excluded_after_a_restart_and_the_ratings_are_in_the_reloaded_model()
    {
        var horror = FilmsOfGenre("Horror").ToList();
        var watched = horror.Skip(15).Take(30).Select(f => f.Slug).ToHashSet();
        byte[] zip = LetterboxdExportBuilder.Zip(
            ("ratings.csv", LetterboxdExportBuilder.RatingsCsv(horror.Take(15).Select(f => (f, 5f)))),
            ("watched.csv", LetterboxdExportBuilder.ListCsv(horror.Skip(15).Take(30))));
        using (var response = await PostAsync("restart_user", zip, "application/zip"))
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        // A second instance over the same store stands in for a restart: it knows the upload only from the store.
        await using var restarted = await RunningService.StartAsync(fixture.Store, ServiceFixture.Settings);
        await restarted.WaitForModelAsync();
        using var test = await restarted.GetJsonAsync("/api/test/restart_user");
        Assert.Equal(15, test.RootElement.GetProperty("ratings").GetInt32());
        List<string> slugs = [];
        for (int attempt = 0; attempt < 100; attempt++)
        {
            using var list = await restarted.GetJsonAsync("/api/recomendacoes/restart_user?limit=100&genres=horror");
            Assert.Equal("computed", list.RootElement.GetProperty("mode").GetString());
            slugs = Slugs(list.RootElement);
            if (!slugs.Any(watched.Contains))
                break;
            await Task.Delay(100);
        }
        Assert.NotEmpty(slugs);
        Assert.DoesNotContain(slugs, watched.Contains);
    }

    [Fact]
    public async Task Multipart_upload_with_one_file_is_accepted()
    {
        string csv = LetterboxdExportBuilder.RatingsCsv(FilmsOfGenre("Romance").Take(12).Select(f => (f, 4.5f)));
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "ratings.csv");
        using var response = await Service.Http.PostAsync("/api/users/multipart_user/ratings", form);
        using var doc = await ReadJsonAsync(response, HttpStatusCode.Created);
        Assert.Equal(12, doc.RootElement.GetProperty("ratings_stored").GetInt32());
        Assert.Equal("computed", doc.RootElement.GetProperty("recommendations").GetProperty("mode").GetString());
    }

    [Fact]
    public async Task Upload_to_an_existing_user_merges_into_their_ratings()
    {
        const string user = "demo_020";
        var own = DemoCatalogue.Ratings().Where(r => r.Username == user).Select(r => r.FilmSlug).ToHashSet();
        var fresh = Films.Where(f => !own.Contains(f.Slug)).Take(4).ToList();
        var rerated = Films.First(f => own.Contains(f.Slug));
        using var before = await Service.GetJsonAsync($"/api/recomendacoes/{user}?limit=100");
        string csv = LetterboxdExportBuilder.RatingsCsv(fresh.Select(f => (f, 4f)).Append((rerated, 0.5f)));

        // demo_020 came from the data set, not an upload: only the API key may write them.
        using (var refused = await PostAsync(user, csv, "text/csv; charset=utf-8", "?limit=100"))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var response = await PostAsync(user, csv, "text/csv; charset=utf-8", "?limit=100", ServiceFixture.ApiKey);
        using var doc = await ReadJsonAsync(response, HttpStatusCode.OK);
        var root = doc.RootElement;
        Assert.False(root.GetProperty("new_user").GetBoolean());
        Assert.Equal(own.Count + fresh.Count, root.GetProperty("total_ratings").GetInt32());
        Assert.DoesNotContain(Slugs(root.GetProperty("recommendations")), fresh.Select(f => f.Slug).Contains);

        using var test = await Service.GetJsonAsync($"/api/test/{user}");
        Assert.Equal(own.Count + fresh.Count, test.RootElement.GetProperty("ratings").GetInt32());
        using var later = await Service.GetJsonAsync($"/api/recomendacoes/{user}?limit=100");
        Assert.Contains(later.RootElement.GetProperty("mode").GetString(), PersonalModes);
        Assert.DoesNotContain(Slugs(later.RootElement), fresh.Select(f => f.Slug).Contains);
    }

    [SkippableTheory]
    [InlineData("export-a-ratings.csv")]
    [InlineData("export-b-ratings.csv")]
    public async Task Real_letterboxd_exports_upload_and_report_matches_honestly(string file)
    {
        string path = RepositoryPaths.Data(Path.Combine("letterboxd-exports", file));
        Skip.IfNot(File.Exists(path), $"{path} is absent");
        byte[] body = await File.ReadAllBytesAsync(path);
        int rows = File.ReadLines(path).Skip(1).Count(l => l.Length > 0);
        string user = "real_" + file[7];

        using var response = await PostAsync(user, body, "text/csv");
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"{file} → {(int)response.StatusCode}: {text}");
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        Assert.Equal(rows, root.GetProperty("ratings_received").GetInt32());
        int matched = root.GetProperty("ratings_matched").GetInt32();
        Assert.Equal(rows, matched + root.GetProperty("unmatched_count").GetInt32());
        Assert.InRange(root.GetProperty("unmatched").GetArrayLength(), 0, 50);
        if (matched == 0)
        {
            Assert.Contains("none of the", root.GetProperty("note").GetString(), StringComparison.Ordinal);
            Assert.Equal("fallback", root.GetProperty("recommendations").GetProperty("mode").GetString());
        }
    }

    [Theory]
    [InlineData("wrong-columns", HttpStatusCode.BadRequest)]
    [InlineData("rating-out-of-range", HttpStatusCode.BadRequest)]
    [InlineData("not-utf8", HttpStatusCode.BadRequest)]
    [InlineData("empty", HttpStatusCode.BadRequest)]
    [InlineData("header-only", HttpStatusCode.BadRequest)]
    [InlineData("zip-without-ratings", HttpStatusCode.BadRequest)]
    [InlineData("corrupt-zip", HttpStatusCode.BadRequest)]
    [InlineData("gzip", HttpStatusCode.BadRequest)]
    [InlineData("oversize", HttpStatusCode.RequestEntityTooLarge)]
    [InlineData("zip-bomb", HttpStatusCode.RequestEntityTooLarge)]
    [InlineData("json", HttpStatusCode.UnsupportedMediaType)]
    public async Task Bad_files_are_refused_with_problem_json_and_nothing_stored(string kind, HttpStatusCode expected)
    {
        string user = "bad_" + kind.Replace('-', '_');
        long ratingsBefore = await StoredRatingsAsync();
        var (body, contentType) = BadFile(kind);

        using var response = await PostAsync(user, body, contentType);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{kind} → {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(text);
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("detail").GetString()));

        Assert.Equal(ratingsBefore, await StoredRatingsAsync());
        using var test = await Service.GetJsonAsync($"/api/test/{user}");
        Assert.False(test.RootElement.GetProperty("exists").GetBoolean());
    }

    private static (byte[] Body, string ContentType) BadFile(string kind)
    {
        const string header = "Date,Name,Year,Letterboxd URI,Rating\n";
        var film = Films[0];
        string good = $"2024-01-01,{film.Title},{film.Year},https://boxd.it/x,4\n";
        return kind switch
        {
            "wrong-columns" => (Utf8("Date,Title,Stars\n2024-01-01,Alien,4\n"), "text/csv"),
            "rating-out-of-range" => (Utf8(header + good + $"2024-01-01,{Films[1].Title},{Films[1].Year},https://boxd.it/y,7\n"), "text/csv"),
            "not-utf8" => ([.. Utf8(header + "2024-01-01,Am"), 0xE9, .. Utf8("lie,2001,https://boxd.it/z,4\n")], "text/csv"),
            "empty" => ([], "text/csv"),
            "header-only" => (Utf8(header), "text/csv"),
            "zip-without-ratings" => (LetterboxdExportBuilder.Zip(("watched.csv", "Date,Name,Year,Letterboxd URI\n")), "application/zip"),
            "corrupt-zip" => ([0x50, 0x4b, 0x03, 0x04, .. Utf8("not really a zip at all")], "application/zip"),
            "gzip" => ([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0], "text/csv"),
            "oversize" => (Utf8(header + new string(' ', 6 * 1024 * 1024)), "text/csv"),
            "zip-bomb" => (LetterboxdExportBuilder.Zip(("ratings.csv", header + good + new string('\n', 60 * 1024 * 1024))), "application/zip"),
            "json" => (Utf8("{\"ratings\":[]}"), "application/json"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private Task<HttpResponseMessage> PostAsync(string user, string csv, string contentType, string query = "", string? bearer = null) =>
        PostAsync(user, Encoding.UTF8.GetBytes(csv), contentType, query, bearer);

    private async Task<HttpResponseMessage> PostAsync(string user, byte[] body, string contentType, string query = "", string? bearer = null)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/users/{user}/ratings{query}") { Content = content };
        if (bearer is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await Service.Http.SendAsync(request);
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"upload → {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text);
    }

    private async Task<long> StoredRatingsAsync()
    {
        using var health = await Service.GetJsonAsync("/health");
        return health.RootElement.GetProperty("counts").GetProperty("ratings").GetInt64();
    }

    private static IEnumerable<Film> FilmsOfGenre(string genre) => Films.Where(f => f.Genres[0] == genre);

    private static List<string> Slugs(JsonElement list) =>
        [.. list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("film_id").GetString()!)];

    private static string GenreOf(string slug) => slug.StartsWith(TvCatalogue.SlugPrefix, StringComparison.Ordinal)
        ? "Drama"
        : DemoCatalogue.GenreOf(int.Parse(slug["demo-film-".Length..], CultureInfo.InvariantCulture));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
