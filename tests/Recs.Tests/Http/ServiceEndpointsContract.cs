using System.Net;
using System.Text.Json;
using Recs.Engine.Demo;
using Recs.Tests.Support;

namespace Recs.Tests.Http;

/// <summary>
/// Every endpoint over real HTTP against Kestrel on 127.0.0.1, seeded with the demo catalogue.
/// Runs once per store (see the derived classes), so both stores serve identical behaviour.
/// </summary>
public abstract partial class ServiceEndpointsContract<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : ServiceFixture
{
    private RunningService Service => fixture.Service;

    [Fact]
    public async Task Ping_answers_pong()
    {
        Assert.Equal("pong", await Service.Http.GetStringAsync("/ping"));
    }

    [Fact]
    public async Task Health_reports_reachable_database_ready_model_counts_and_replica_mode()
    {
        using var doc = await Service.GetJsonAsync("/health");
        var root = doc.RootElement;
        Assert.Equal("healthy", root.GetProperty("status").GetString());
        Assert.True(root.GetProperty("database").GetProperty("reachable").GetBoolean());
        Assert.True(root.GetProperty("database").GetProperty("latency_ms").GetDouble() >= 0);
        Assert.Equal(DemoCatalogue.FilmCount, root.GetProperty("counts").GetProperty("films").GetInt64());
        Assert.Equal(DemoCatalogue.UserCount, root.GetProperty("counts").GetProperty("users").GetInt64());
        Assert.True(root.GetProperty("demo_data").GetBoolean(), "demo seed must be labelled as demo data");
        Assert.StartsWith("svd-", root.GetProperty("model").GetProperty("version").GetString());
        var trained = root.GetProperty("model").GetProperty("trained");
        Assert.True(trained.GetProperty("serving").GetBoolean());
        Assert.InRange(trained.GetProperty("clusters").GetInt32(), 2, 20);
        // The embedded store is one process's file; PostgreSQL is shared by replicas that listen to each other.
        var replicas = root.GetProperty("replicas");
        bool shared = root.GetProperty("database").GetProperty("kind").GetString() == "postgres";
        Assert.Equal(shared ? "shared" : "single-process", replicas.GetProperty("mode").GetString());
        for (int attempt = 0; shared && !replicas.GetProperty("listening").GetBoolean(); attempt++)
        {
            Assert.True(attempt < 300, "a service on PostgreSQL must listen to the other replicas within 30 s");
            await Task.Delay(100);
            using var again = await Service.GetJsonAsync("/health");
            replicas = again.RootElement.GetProperty("replicas").Clone();
        }
    }

    [Fact]
    public async Task Test_endpoint_reports_existence_and_rating_count()
    {
        using var known = await Service.GetJsonAsync("/api/test/DEMO_007");
        Assert.True(known.RootElement.GetProperty("exists").GetBoolean());
        Assert.Equal("demo_007", known.RootElement.GetProperty("username").GetString());
        Assert.InRange(known.RootElement.GetProperty("ratings").GetInt32(), 30, 80);

        using var unknown = await Service.GetJsonAsync("/api/test/nobody_here");
        Assert.False(unknown.RootElement.GetProperty("exists").GetBoolean());
        Assert.Equal(0, unknown.RootElement.GetProperty("ratings").GetInt32());
    }

    [Fact]
    public async Task Recommendations_are_personalised_towards_the_users_favourite_genres()
    {
        // Users 0 and 1 love different genres; each list should lean to the user's own favourites.
        for (int user = 0; user < 6; user++)
        {
            var (first, second) = DemoCatalogue.FavouriteGenres(user);
            string[] loved = [GenreName(first), GenreName(second)];
            var items = await ItemsAsync($"/api/recomendacoes/demo_{user:D3}?limit=10", "computed", "ultra_fast");
            int inFavourites = items.Count(i => loved.Contains(GenreOfSlug(i.GetProperty("film_id").GetString()!)));
            Assert.True(inFavourites >= 7, $"demo_{user:D3} loves {string.Join(", ", loved)} but only {inFavourites}/10 recommendations are in those genres");
        }
    }

    [Fact]
    public async Task Recommendations_never_include_rated_films()
    {
        var rated = DemoCatalogue.Ratings().Where(r => r.Username == "demo_042").Select(r => r.FilmSlug).ToHashSet();
        var items = await ItemsAsync("/api/recomendacoes/demo_042?limit=100", "computed", "ultra_fast");
        Assert.Equal(100, items.Count);
        var overlap = items.Select(i => i.GetProperty("film_id").GetString()!).Where(rated.Contains).ToList();
        Assert.True(overlap.Count == 0, $"recommended already-rated films: {string.Join(", ", overlap)}");
        Assert.All(items, i => Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("reason").GetString())));
    }

    [Fact]
    public async Task Reasons_name_only_films_the_person_rated_four_stars_or_more_and_the_cache_keeps_them()
    {
        const string user = "demo_077";
        var liked = DemoCatalogue.Ratings().Where(r => r.Username == user && r.Stars >= 4f).Select(r => r.FilmSlug).ToHashSet();
        var titles = DemoCatalogue.Films().ToDictionary(f => f.Slug, f => f.Title);
        var computed = await ItemsAsync($"/api/recomendacoes/{user}?limit=30", "computed", "ultra_fast");
        var cached = await ItemsAsync($"/api/recomendacoes/{user}?limit=30", "ultra_fast");
        int named = 0;
        foreach (var item in computed)
        {
            var because = item.GetProperty("because").EnumerateArray().Select(e => e.GetString()!).ToList();
            string reason = item.GetProperty("reason").GetString()!;
            Assert.True(because.Count <= 2, $"{item.GetProperty("film_id")}: at most two films are named, got {because.Count}");
            foreach (string film in because)
            {
                Assert.True(liked.Contains(film), $"{item.GetProperty("film_id")} names {film}, which {user} did not rate 4★ or more");
                Assert.Contains(titles[film], reason);
            }
            if (because.Count > 0)
                Assert.StartsWith("because you rated ", reason);
            named += because.Count;
        }
        Assert.True(named >= 10, $"only {named} of {user}'s own films are named across 30 recommendations");
        Assert.Equal(
            computed.Select(i => i.GetProperty("because").GetRawText() + i.GetProperty("reason").GetString()),
            cached.Select(i => i.GetProperty("because").GetRawText() + i.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Similar_films_count_their_shared_audience_and_unknown_or_malformed_films_are_refused()
    {
        const string asked = "demo-film-017";
        using var doc = await Service.GetJsonAsync($"/api/films/{asked}/similar?limit=5");
        var root = doc.RootElement;
        Assert.Equal(asked, root.GetProperty("film_id").GetString());
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.InRange(items.Count, 1, 5);
        var raters = DemoCatalogue.Ratings().GroupBy(r => r.Username).Select(g => g.ToDictionary(r => r.FilmSlug, r => r.Stars)).ToList();
        double previous = double.MaxValue;
        foreach (var item in items)
        {
            string id = item.GetProperty("film_id").GetString()!;
            Assert.NotEqual(asked, id);
            double score = item.GetProperty("score").GetDouble();
            Assert.InRange(score, 0.0, previous);
            previous = score;
            // The audience figures, counted again from the demo ratings themselves.
            var both = raters.Where(r => r.ContainsKey(asked) && r.ContainsKey(id)).ToList();
            Assert.Equal(both.Count, item.GetProperty("shared_audience").GetInt32());
            Assert.Equal(both.Count(r => r[asked] >= 4f && r[id] >= 4f), item.GetProperty("both_liked").GetInt32());
            Assert.Contains($"{both.Count} people rated both", item.GetProperty("reason").GetString());
        }

        using var unknown = await Service.Http.GetAsync("/api/films/no-such-film/similar");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        foreach (string bad in new[] { "/api/films/bad%20id/similar", $"/api/films/{asked}/similar?limit=0", $"/api/films/{asked}/similar?limit=51" })
        {
            using var refused = await Service.Http.GetAsync(bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Clusters_list_groups_whose_sizes_sum_to_the_users_and_whose_film_lift_follows_its_definition()
    {
        using var doc = await Service.GetJsonAsync("/api/clusters");
        var root = doc.RootElement;
        var groups = root.GetProperty("groups").EnumerateArray().ToList();
        Assert.True(groups.Count > 1, "the demo users should fall into several taste groups");
        Assert.Equal(DemoCatalogue.UserCount, groups.Sum(g => g.GetProperty("size").GetInt32()));
        Assert.Equal(DemoCatalogue.UserCount, root.GetProperty("users").GetInt32());
        Assert.All(groups, g => Assert.Matches(@"^\d+\.\d+$", g.GetProperty("id").GetString()));

        // lift = (group's high ratings of f / group's high ratings) / (everyone's high ratings of f / everyone's high ratings).
        var high = DemoCatalogue.Ratings().Where(r => r.Stars >= 4f).ToList();
        var group = groups.First(g => g.GetProperty("characteristic_films").GetArrayLength() > 0);
        var film = group.GetProperty("characteristic_films")[0];
        int everyoneOfFilm = high.Count(r => r.FilmSlug == film.GetProperty("film_id").GetString());
        double expected = (double)film.GetProperty("high_ratings").GetInt32() / group.GetProperty("high_ratings").GetInt32()
            / ((double)everyoneOfFilm / high.Count);
        Assert.Equal(System.Math.Round(expected, 3), film.GetProperty("lift").GetDouble(), 3);
        Assert.True(film.GetProperty("high_ratings").GetInt32() >= root.GetProperty("min_film_support").GetInt32());
        Assert.True(film.GetProperty("lift").GetDouble() > 1, "the most characteristic film should be over-represented");
    }

    [Fact]
    public async Task Second_request_is_served_from_the_cache_as_ultra_fast()
    {
        using var first = await Service.GetJsonAsync("/api/recomendacoes/demo_100?limit=5");
        using var second = await Service.GetJsonAsync("/api/recomendacoes/demo_100?limit=5");
        Assert.Equal("ultra_fast", second.RootElement.GetProperty("mode").GetString());
        Assert.Equal(
            first.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("film_id").GetString()),
            second.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("film_id").GetString()));
    }

    [Fact]
    public async Task Cached_answer_is_the_computed_body_byte_for_byte_apart_from_mode_and_elapsed_time()
    {
        // The second least active demo user: no other test asks for them and the preload test warms only the most
        // active, so the first request computes.
        string user = DemoCatalogue.Ratings().GroupBy(r => r.Username).OrderBy(g => g.Count()).ThenBy(g => g.Key).Skip(1).First().Key;
        using var first = await Service.Http.GetAsync($"/api/recomendacoes/{user}?limit=12");
        using var second = await Service.Http.GetAsync($"/api/recomendacoes/{user}?limit=12");
        string computed = await first.Content.ReadAsStringAsync();
        string cached = await second.Content.ReadAsStringAsync();
        Assert.Contains("\"mode\":\"computed\",", computed);
        Assert.Contains("\"mode\":\"ultra_fast\",", cached);
        Assert.Equal(WithoutModeAndElapsed(computed), WithoutModeAndElapsed(cached));
        Assert.Equal("application/json; charset=utf-8", second.Content.Headers.ContentType?.ToString());
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(cached), second.Content.Headers.ContentLength);
    }

    private static string WithoutModeAndElapsed(string body) =>
        System.Text.RegularExpressions.Regex.Replace(body, "\"mode\":\"[a-z_]+\",\"elapsed_ms\":[0-9.eE+-]+,", "");

    [Fact]
    public async Task Unknown_user_gets_popular_films_in_fallback_mode()
    {
        using var doc = await Service.GetJsonAsync("/api/recomendacoes/stranger_99?limit=7");
        Assert.Equal("fallback", doc.RootElement.GetProperty("mode").GetString());
        Assert.Equal(7, doc.RootElement.GetProperty("items").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("model_version").GetString()));
    }

    [Theory]
    [InlineData("/api/recomendacoes/bad%20name")]
    [InlineData("/api/recomendacoes/name;drop")]
    [InlineData("/api/recomendacoes/a_name_that_is_much_longer_than_thirty_two_characters")]
    [InlineData("/api/test/caf%C3%A9")]
    [InlineData("/api/debug/x.y")]
    [InlineData("/api/cache/x!y")]
    [InlineData("/api/recomendacoes/demo_001?limit=0")]
    [InlineData("/api/recomendacoes/demo_001?limit=101")]
    [InlineData("/api/recomendacoes/demo_001?limit=ten")]
    [InlineData("/api/preload?count=-1")]
    public async Task Invalid_input_is_rejected_with_problem_json(string path)
    {
        using var response = await Service.Http.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"GET {path} → {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(body);
        Assert.Equal(400, doc.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Cache_endpoint_reports_whether_the_user_was_cached_already()
    {
        // The least active demo user: the preload test (most active users) never warms them.
        string user = DemoCatalogue.Ratings().GroupBy(r => r.Username).OrderBy(g => g.Count()).ThenBy(g => g.Key).First().Key;
        using var first = await Service.GetJsonAsync($"/api/cache/{user}");
        Assert.False(first.RootElement.GetProperty("cached_already").GetBoolean());
        Assert.True(first.RootElement.GetProperty("cached").GetBoolean());
        using var second = await Service.GetJsonAsync($"/api/cache/{user}");
        Assert.True(second.RootElement.GetProperty("cached_already").GetBoolean());
        using var rec = await Service.GetJsonAsync($"/api/recomendacoes/{user}");
        Assert.Equal("ultra_fast", rec.RootElement.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task Preload_warms_the_most_active_users_and_reports_progress()
    {
        using var started = await Service.GetJsonAsync("/api/preload?count=25");
        Assert.Equal(25, started.RootElement.GetProperty("requested").GetInt32());
        JsonDocument? progress = null;
        for (int i = 0; i < 200; i++)
        {
            progress?.Dispose();
            progress = await Service.GetJsonAsync("/api/preload?count=25");
            if (progress.RootElement.GetProperty("state").GetString() == "done")
                break;
            await Task.Delay(25);
        }
        Assert.Equal("done", progress!.RootElement.GetProperty("state").GetString());
        Assert.Equal(25, progress.RootElement.GetProperty("completed").GetInt32());
        progress.Dispose();
        using var memory = await Service.GetJsonAsync("/api/memory");
        var cache = memory.RootElement.GetProperty("cache");
        Assert.True(cache.GetProperty("entries").GetInt64() >= 25);
        // A warmed list keeps the default limit's 20 items of 32 bytes (and its object), never the 100 a longer
        // request would keep; all of them within the bound.
        long bytes = cache.GetProperty("bytes").GetInt64();
        Assert.InRange(bytes, 25 * 20 * 32, cache.GetProperty("max_bytes").GetInt64());
    }

    [Fact]
    public async Task Memory_reports_process_and_model_sizes()
    {
        using var doc = await Service.GetJsonAsync("/api/memory");
        var root = doc.RootElement;
        Assert.True(root.GetProperty("working_set_bytes").GetInt64() > 1_000_000);
        Assert.True(root.GetProperty("gc_heap_bytes").GetInt64() > 0);
        long model = root.GetProperty("model_bytes").GetInt64();
        Assert.True(model > 0);
        Assert.InRange(root.GetProperty("cache").GetProperty("hit_ratio").GetDouble(), 0, 1);
        // The breakdown adds up to the model's size, and the service is always serving data.
        var parts = root.GetProperty("breakdown");
        long data = parts.GetProperty("data_bytes").GetInt64();
        Assert.True(data > 0, "data_bytes is zero");
        Assert.Equal(model, data + parts.GetProperty("trained_bytes").GetInt64() + parts.GetProperty("popularity_bytes").GetInt64()
            + parts.GetProperty("neighbourhood_bytes").GetInt64());
        var gc = root.GetProperty("gc");
        Assert.True(gc.GetProperty("committed_bytes").GetInt64() >= gc.GetProperty("heap_size_bytes").GetInt64() - gc.GetProperty("fragmented_bytes").GetInt64(),
            "the collector has committed less than the live heap");
        Assert.True(root.GetProperty("training_scratch_bytes").GetInt64() >= 0, "training_scratch_bytes is negative");
    }

    [Fact]
    public async Task Debug_shows_the_users_ratings_and_favourite_genres()
    {
        using var doc = await Service.GetJsonAsync("/api/debug/demo_003");
        var root = doc.RootElement;
        Assert.True(root.GetProperty("exists").GetBoolean());
        var top = root.GetProperty("top_films").EnumerateArray().ToList();
        Assert.Equal(10, top.Count);
        Assert.True(top.Zip(top.Skip(1)).All(p => p.First.GetProperty("stars").GetDouble() >= p.Second.GetProperty("stars").GetDouble()),
            "top films must be ordered by the user's stars");
        var (first, _) = DemoCatalogue.FavouriteGenres(3);
        var genres = root.GetProperty("model").GetProperty("favourite_genres").EnumerateArray().Select(g => g.GetString()).ToList();
        Assert.Contains(GenreName(first), genres);
        var model = root.GetProperty("model");
        Assert.Equal("svd-blend", model.GetProperty("method").GetString());
        var cluster = model.GetProperty("cluster");
        Assert.InRange(cluster.GetProperty("id").GetInt32(), 0, cluster.GetProperty("clusters").GetInt32() - 1);
        Assert.True(cluster.GetProperty("members").GetInt32() > 0, "the user's cluster must have members");
        Assert.True(cluster.GetProperty("most_rated").GetArrayLength() > 0, "the cluster's most-rated films are listed");
    }

    private async Task<List<JsonElement>> ItemsAsync(string path, params string[] modes)
    {
        using var doc = await Service.GetJsonAsync(path);
        string mode = doc.RootElement.GetProperty("mode").GetString()!;
        Assert.True(modes.Contains(mode), $"GET {path} answered mode '{mode}', expected one of {string.Join(", ", modes)}");
        return [.. doc.RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone())];
    }

    private static string GenreName(int genre) => DemoCatalogue.GenreOf(genre);

    private static string GenreOfSlug(string slug) => DemoCatalogue.GenreOf(int.Parse(slug["demo-film-".Length..], System.Globalization.CultureInfo.InvariantCulture));
}
