using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Recs.Engine.Demo;

namespace Recs.Tests.Aot;

/// <summary>
/// Ranking a list, films for a group, similar films and the reasons' own films, from the published binary over the
/// demo data it seeds: the contracts are serialised without reflection and carry real content, checked against the
/// demo ratings the binary loaded.
/// </summary>
public sealed class AotListGroupAndSimilarTests
{
    private static readonly ILookup<string, (string Film, float Stars)> DemoRatings =
        DemoCatalogue.Ratings().ToLookup(r => r.Username, r => (r.FilmSlug, r.Stars));

    [Fact]
    public async Task Aot_binary_ranks_a_list_recommends_for_a_group_and_finds_similar_films_with_reasons_from_liked_films()
    {
        await using var service = await RecsProcess.StartAsync(AotBinary.Path, TimeSpan.FromSeconds(30), "--demo");
        var http = service.Http;
        await SimilarFilmsAreOtherFilmsAsync(http, service);
        await RankReturnsTheMatchedUnratedFilmsAsync(http);
        await GroupItemsAreUnseenByEveryMemberWithEachMembersFitAsync(http);
        await RecommendationsNameOnlyFilmsRatedFourStarsOrMoreAsync(http);
    }

    // Similar films come from the trained model, so this call also waits for the first training to finish.
    private static async Task SimilarFilmsAreOtherFilmsAsync(HttpClient http, RecsProcess service)
    {
        const string film = "demo-film-000";
        string? body = null;
        for (int i = 0; i < 600 && body is null; i++)
        {
            using var response = await http.GetAsync($"/api/films/{film}/similar?limit=8");
            if (response.StatusCode == HttpStatusCode.OK)
                body = await response.Content.ReadAsStringAsync();
            else
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                await Task.Delay(100);
            }
        }
        Assert.True(body is not null, $"/api/films/{film}/similar never answered 200 from the AOT binary:\n{service.Output}");
        using var doc = JsonDocument.Parse(body);
        Assert.Equal(film, doc.RootElement.GetProperty("film_id").GetString());
        var items = doc.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.True(items.Count > 0, $"no similar film for {film}: {body}");
        var ids = items.Select(i => i.GetProperty("film_id").GetString()!).ToList();
        Assert.DoesNotContain(film, ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(items, i => Assert.True(i.GetProperty("shared_audience").GetInt32() > 0, $"{i} shares no audience with {film}"));
    }

    private static async Task RankReturnsTheMatchedUnratedFilmsAsync(HttpClient http)
    {
        const string user = "demo_010";
        var rated = DemoRatings[user].ToDictionary(r => r.Film, r => r.Stars);
        var unrated = Enumerable.Range(0, DemoCatalogue.FilmCount).Select(f => $"demo-film-{f:D3}").Where(s => !rated.ContainsKey(s)).Take(12).ToList();
        string ratedFilm = rated.Keys.Order().First();
        string[] films = [.. unrated, ratedFilm, "no-such-film"];

        using var response = await http.PostAsJsonAsync($"/api/recomendacoes/{user}/rank", new Dictionary<string, string[]> { ["films"] = films });
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /rank → {(int)response.StatusCode}: {body}");
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(unrated.Order(), items.Select(i => i.GetProperty("film_id").GetString()!).Order());
        AssertBecauseIsLiked(user, items);
        var already = Assert.Single(root.GetProperty("already_rated").EnumerateArray());
        Assert.Equal(ratedFilm, already.GetProperty("film_id").GetString());
        Assert.Equal(["no-such-film"], root.GetProperty("unmatched").EnumerateArray().Select(e => e.GetString()!));
    }

    private static async Task GroupItemsAreUnseenByEveryMemberWithEachMembersFitAsync(HttpClient http)
    {
        string[] members = ["demo_000", "demo_001"];
        var seen = members.SelectMany(m => DemoRatings[m].Select(r => r.Film)).ToHashSet();

        using var response = await http.GetAsync($"/api/recomendacoes/group?users={string.Join(',', members)}&limit=10");
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /recomendacoes/group → {(int)response.StatusCode}: {body}");
        using var doc = JsonDocument.Parse(body);
        var items = doc.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(10, items.Count);
        foreach (var item in items)
        {
            string film = item.GetProperty("film_id").GetString()!;
            Assert.False(seen.Contains(film), $"{film} is recommended to the group but a member rated it");
            var fit = item.GetProperty("fit").EnumerateArray().ToList();
            Assert.Equal(members, fit.Select(f => f.GetProperty("username").GetString()!));
            Assert.All(fit, f => Assert.InRange(f.GetProperty("fit").GetDouble(), 0, 1));
        }
    }

    private static async Task RecommendationsNameOnlyFilmsRatedFourStarsOrMoreAsync(HttpClient http)
    {
        const string user = "demo_077";
        using var doc = JsonDocument.Parse(await http.GetStringAsync($"/api/recomendacoes/{user}?limit=30"));
        var items = doc.RootElement.GetProperty("items").EnumerateArray().ToList();
        int named = AssertBecauseIsLiked(user, items);
        Assert.True(named > 0, $"no recommendation for {user} names one of their own films: {doc.RootElement}");
    }

    // Every film a reason names is one the person rated 4★ or more; returns how many were named.
    private static int AssertBecauseIsLiked(string user, List<JsonElement> items)
    {
        var liked = DemoRatings[user].Where(r => r.Stars >= 4f).Select(r => r.Film).ToHashSet();
        int named = 0;
        foreach (var item in items)
        {
            foreach (var because in item.GetProperty("because").EnumerateArray())
            {
                Assert.True(liked.Contains(because.GetString()!),
                    $"{item.GetProperty("film_id")} names {because} as a reason, which {user} did not rate 4★ or more");
                named++;
            }
        }
        return named;
    }
}
