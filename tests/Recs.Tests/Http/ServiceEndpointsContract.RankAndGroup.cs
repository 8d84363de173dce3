using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Recs.Engine.Demo;

namespace Recs.Tests.Http;

// Ranking a list someone brings, and films for a group: both read the serving model and nothing else.
public abstract partial class ServiceEndpointsContract<TFixture>
{
    [Fact]
    public async Task Rank_returns_exactly_the_matched_unrated_films_by_descending_score_with_rated_and_unmatched_apart()
    {
        const string user = "demo_010";
        var rated = DemoCatalogue.Ratings().Where(r => r.Username == user).ToDictionary(r => r.FilmSlug, r => r.Stars);
        var unrated = Enumerable.Range(0, DemoCatalogue.FilmCount).Select(f => $"demo-film-{f:D3}").Where(s => !rated.ContainsKey(s)).Take(15).ToList();
        string ratedFilm = rated.Keys.Order().First();
        // One film named by its Letterboxd page, one twice, one rated, one that is no film.
        string[] films = [.. unrated.Skip(1), $"https://letterboxd.com/film/{unrated[0]}/", unrated[3], ratedFilm, "no-such-film"];

        using var doc = await PostRankAsync(user, JsonBody(films));
        var root = doc.RootElement;
        Assert.Equal("computed", root.GetProperty("mode").GetString());
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(unrated.Order(), items.Select(i => i.GetProperty("film_id").GetString()!).Order());
        var scores = items.Select(i => i.GetProperty("score").GetDouble()).ToList();
        Assert.True(scores.SequenceEqual(scores.OrderDescending()), $"scores are not descending: {string.Join(", ", scores)}");
        Assert.All(items, i => Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("reason").GetString())));
        foreach (var because in items.SelectMany(i => i.GetProperty("because").EnumerateArray()))
            Assert.True(rated.GetValueOrDefault(because.GetString()!) >= 4f, $"{because} is named as a reason but {user} did not rate it 4★ or more");
        var already = Assert.Single(root.GetProperty("already_rated").EnumerateArray());
        Assert.Equal(ratedFilm, already.GetProperty("film_id").GetString());
        Assert.Equal(rated[ratedFilm], already.GetProperty("stars").GetDouble());
        Assert.Equal(["no-such-film"], root.GetProperty("unmatched").EnumerateArray().Select(e => e.GetString()!));
    }

    [Fact]
    public async Task Rank_orders_one_list_differently_for_two_people_with_opposite_tastes_from_json_and_from_a_watchlist_csv()
    {
        // demo_000 loves only genre 0, demo_001 only genre 1 (DemoCatalogue.FavouriteGenres).
        var seen = DemoCatalogue.Ratings().Where(r => r.Username is "demo_000" or "demo_001").Select(r => r.FilmSlug).ToHashSet();
        var films = Enumerable.Range(0, 200).Where(f => DemoCatalogue.GenreOf(f) == GenreName(0) || DemoCatalogue.GenreOf(f) == GenreName(1)).Select(f => $"demo-film-{f:D3}").Where(s => !seen.Contains(s)).Take(20).ToList();
        using var first = await PostRankAsync("demo_000", JsonBody(films));
        var csv = new StringBuilder("Date,Name,Year,Letterboxd URI\n");
        var titles = DemoCatalogue.Films().ToDictionary(f => f.Slug);
        foreach (string slug in films)
            csv.Append($"2024-01-01,\"{titles[slug].Title}\",{titles[slug].Year},https://letterboxd.com/film/{slug}/\n");
        using var second = await PostRankAsync("demo_001", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));

        double MeanPosition(JsonDocument doc, int genre)
        {
            var order = doc.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("film_id").GetString()!).ToList();
            Assert.Equal(films.Count, order.Count);
            return order.Select((slug, position) => (slug, position)).Where(p => GenreOfSlug(p.slug) == GenreName(genre)).Average(p => p.position);
        }
        Assert.True(MeanPosition(first, 0) < MeanPosition(first, 1), "demo_000 loves genre 0 yet its films are not ranked first");
        Assert.True(MeanPosition(second, 1) < MeanPosition(second, 0), "demo_001 loves genre 1 yet its films are not ranked first");
    }

    [Fact]
    public async Task Rank_reads_a_letterboxd_list_export_after_its_preamble_matching_films_by_title_and_year()
    {
        const string user = "demo_010";
        var rated = DemoCatalogue.Ratings().Where(r => r.Username == user).Select(r => r.FilmSlug).ToHashSet();
        // Every eighth demo film has a title of its own, so title and year name one film.
        var films = DemoCatalogue.Films().Where((_, i) => i % 8 == 0).Where(f => !rated.Contains(f.Slug)).Take(5).ToList();
        var csv = new StringBuilder("Letterboxd list export v7\nDate,Name,Tags,URL,Description\n2024-03-01,Picks,,https://boxd.it/list,\"For tonight, maybe\"\n\n");
        csv.Append("Position,Name,Year,URL,Description\n");
        for (int i = 0; i < films.Count; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{i + 1},\"{films[i].Title}\",{films[i].Year},https://boxd.it/p{i},\n");
        csv.Append(CultureInfo.InvariantCulture, $"{films.Count + 1},Not In The Catalogue,1999,https://boxd.it/none,\n");

        using var doc = await PostRankAsync(user, new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));

        Assert.Equal(films.Select(f => f.Slug).Order(), doc.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("film_id").GetString()!).Order());
        Assert.Equal(["https://boxd.it/none"], doc.RootElement.GetProperty("unmatched").EnumerateArray().Select(e => e.GetString()!));
        Assert.Empty(doc.RootElement.GetProperty("already_rated").EnumerateArray());
    }

    [Fact]
    public async Task Rank_for_an_unknown_person_orders_by_popularity_with_a_note()
    {
        string[] films = ["demo-film-100", "demo-film-001", "demo-film-050"];
        using var doc = await PostRankAsync("nobody_ranks", JsonBody(films));
        Assert.Equal("fallback", doc.RootElement.GetProperty("mode").GetString());
        Assert.Contains("unknown user", doc.RootElement.GetProperty("note").GetString());
        Assert.Equal(3, doc.RootElement.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Group_excludes_every_members_films_and_its_score_is_the_documented_aggregate_of_each_members_rank_scores()
    {
        string[] users = ["demo_003", "demo_020", "demo_045"];
        using var doc = await Service.GetJsonAsync($"/api/recomendacoes/group?users={string.Join(',', users).ToUpperInvariant()}&limit=15");
        var root = doc.RootElement;
        Assert.Equal(users, root.GetProperty("users").EnumerateArray().Select(e => e.GetString()!));
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(15, items.Count);
        var seen = DemoCatalogue.Ratings().Where(r => users.Contains(r.Username)).Select(r => r.FilmSlug).ToHashSet();
        var ids = items.Select(i => i.GetProperty("film_id").GetString()!).ToList();
        var overlap = ids.Where(seen.Contains).ToList();
        Assert.True(overlap.Count == 0, $"the group list holds films a member rated: {string.Join(", ", overlap)}");
        var groupScores = items.Select(i => i.GetProperty("score").GetDouble()).ToList();
        Assert.True(groupScores.SequenceEqual(groupScores.OrderDescending()), "group scores are not descending");

        // Recomputed from another route: each member's /rank scores of the same films, normalised over the range the
        // response reports, aggregated as documented (mean fit less the shortfall of each fit below 0.5).
        var ranges = root.GetProperty("members").EnumerateArray().ToDictionary(
            m => m.GetProperty("username").GetString()!, m => (Min: m.GetProperty("min_score").GetDouble(), Max: m.GetProperty("max_score").GetDouble()));
        var fits = new Dictionary<string, double>[items.Count];
        for (int i = 0; i < items.Count; i++)
            fits[i] = [];
        foreach (string user in users)
        {
            using var ranked = await PostRankAsync(user, JsonBody(ids));
            var scores = ranked.RootElement.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("film_id").GetString()!, i => i.GetProperty("score").GetDouble());
            var (min, max) = ranges[user];
            Assert.True(max > min, $"{user}'s scores over the candidates have no range");
            for (int i = 0; i < items.Count; i++)
            {
                var fit = Assert.Single(items[i].GetProperty("fit").EnumerateArray(), f => f.GetProperty("username").GetString() == user);
                Assert.Equal(scores[ids[i]], fit.GetProperty("score").GetDouble(), 1e-3);
                fits[i][user] = (scores[ids[i]] - min) / (max - min);
                Assert.Equal(fits[i][user], fit.GetProperty("fit").GetDouble(), 1e-3);
            }
        }
        for (int i = 0; i < items.Count; i++)
        {
            double expected = fits[i].Values.Average() - fits[i].Values.Sum(f => System.Math.Max(0, 0.5 - f));
            Assert.Equal(expected, groupScores[i], 1e-3);
        }
    }

    [Theory]
    [InlineData("/api/recomendacoes/group", 400)]
    [InlineData("/api/recomendacoes/group?users=demo_001", 400)]
    [InlineData("/api/recomendacoes/group?users=demo_001,DEMO_001", 400)]
    [InlineData("/api/recomendacoes/group?users=demo_001,bad.name", 400)]
    [InlineData("/api/recomendacoes/group?users=demo_001,demo_002,demo_003,demo_004,demo_005,demo_006,demo_007,demo_008,demo_009", 400)]
    [InlineData("/api/recomendacoes/group?users=demo_001,demo_002&limit=0", 400)]
    [InlineData("/api/recomendacoes/group?users=demo_001,nobody_knows_me", 404)]
    public async Task Group_requests_outside_the_rules_are_problem_json(string path, int status)
    {
        using var response = await Service.Http.GetAsync(path);
        await AssertProblemAsync(response, status, $"GET {path}");
        if (status == 404)
            Assert.Contains("nobody_knows_me", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Rank_bodies_outside_the_rules_are_problem_json()
    {
        var many = JsonBody(Enumerable.Range(0, 1001).Select(i => $"film-{i}"));
        (HttpContent Body, int Status)[] cases =
        [
            (new StringContent("{\"films\": [", Encoding.UTF8, "application/json"), 400),
            (new StringContent("{\"films\": []}", Encoding.UTF8, "application/json"), 400),
            (new StringContent("{\"other\": 1}", Encoding.UTF8, "application/json"), 400),
            (new StringContent("{\"films\": [\"\"]}", Encoding.UTF8, "application/json"), 400),
            (many, 400),
            (new StringContent("Title,Rating\nDrive,5\n", Encoding.UTF8, "text/csv"), 400),
            (new StringContent("<films/>", Encoding.UTF8, "application/xml"), 415),
            (new StringContent("{\"films\": [\"" + new string('a', 1_100_000) + "\"]}", Encoding.UTF8, "application/json"), 413),
        ];
        foreach (var (body, status) in cases)
        {
            using var response = await Service.Http.PostAsync("/api/recomendacoes/demo_001/rank", body);
            await AssertProblemAsync(response, status, $"POST rank with {body.Headers.ContentType}");
        }
        using var badName = await Service.Http.PostAsync("/api/recomendacoes/bad.name/rank", JsonBody(["demo-film-001"]));
        await AssertProblemAsync(badName, 400, "POST rank for bad.name");
    }

    private async Task<JsonDocument> PostRankAsync(string user, HttpContent body)
    {
        using var response = await Service.Http.PostAsync($"/api/recomendacoes/{user}/rank", body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST rank for {user} → {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text);
    }

    private static StringContent JsonBody(IEnumerable<string> films) =>
        new(JsonSerializer.Serialize(new Dictionary<string, string[]> { ["films"] = [.. films] }), Encoding.UTF8, "application/json");

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, string what)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{what} → {(int)response.StatusCode}, expected {status}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(body);
        Assert.Equal(status, doc.RootElement.GetProperty("status").GetInt32());
    }
}
