using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Recs.Engine.Catalog;
using Recs.Engine.Demo;
using Recs.Tests.Support;

namespace Recs.Tests.Http;

/// <summary>
/// An upload answered 2xx is in the store and served from then on — across concurrent uploads of one person, model
/// reloads and trainings — and only its owner (or the API key) may write that person again.
/// </summary>
public abstract class UploadConsistencyContract<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : ServiceFixture
{
    private static readonly string[] PersonalModes = ["computed", "ultra_fast"];
    private static readonly IReadOnlyList<Film> Films = DemoCatalogue.Films();

    private RunningService Service => fixture.Service;

    [Fact]
    public async Task The_first_upload_returns_a_write_token_that_alone_unlocks_later_uploads()
    {
        const string user = "token_owner";
        var (created, body) = await UploadAsync(user, Films.Take(5));
        Assert.Equal(HttpStatusCode.Created, created);
        string token = body.RootElement.GetProperty("write_token").GetString()!;
        Assert.StartsWith("rw_", token, StringComparison.Ordinal);

        var (missing, missingBody) = await UploadAsync(user, Films.Skip(5).Take(5));
        Assert.Equal(HttpStatusCode.Unauthorized, missing);
        Assert.Equal("https://recs.dev/problems/write-token-required", missingBody.RootElement.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(user, Films.Skip(5).Take(5), bearer: "rw_not-the-token")).Status);
        Assert.Equal(5, await StoredCountAsync(user));

        // The scheme is matched case-insensitively (RFC 9110), and the reply to a later upload never shows the token.
        var (own, ownBody) = await UploadAsync(user, Films.Skip(5).Take(5), bearer: token, scheme: "bearer");
        Assert.Equal(HttpStatusCode.OK, own);
        Assert.Equal(JsonValueKind.Null, ownBody.RootElement.GetProperty("write_token").ValueKind);
        Assert.Equal(10, ownBody.RootElement.GetProperty("total_ratings").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(user, Films.Skip(10).Take(1), bearer: ServiceFixture.ApiKey)).Status);
        Assert.Equal(11, await StoredCountAsync(user));
    }

    [Fact]
    public async Task Concurrent_uploads_for_one_person_all_land_in_the_store_and_in_what_is_served()
    {
        const string user = "busy_uploader";
        const int uploads = 24;
        var horror = Films.Where(f => f.Genres[0] == "Horror").ToList();
        var parts = Enumerable.Range(0, uploads).Select(i => horror.Skip(2 * i).Take(2).ToList()).ToList();
        var statuses = await Task.WhenAll(parts.Select(part => Task.Run(async () =>
            (await UploadAsync(user, part, bearer: ServiceFixture.ApiKey)).Status)));

        Assert.Single(statuses, s => s == HttpStatusCode.Created);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.OK, $"upload answered {s}"));
        var rated = parts.SelectMany(p => p).Select(f => f.Slug).ToHashSet();
        Assert.Equal(rated.Count, await StoredCountAsync(user));
        await AssertServedFromAsync(user, rated);
    }

    [Fact]
    public async Task Concurrent_uploads_for_different_people_each_store_exactly_their_films()
    {
        var people = Enumerable.Range(0, 12).Select(i => ($"crowd_{i:D2}", Films.Skip(7 * i).Take(6).ToList())).ToList();
        var results = await Task.WhenAll(people.Select(p => Task.Run(() => UploadAsync(p.Item1, p.Item2))));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        var stored = await StoredByUserAsync();
        foreach (var (user, films) in people)
        {
            Assert.Equal(films.Select(f => f.Slug).Order(StringComparer.Ordinal), stored[user].Order(StringComparer.Ordinal));
            await AssertServedFromAsync(user, films.Select(f => f.Slug).ToHashSet());
        }
    }

    [Fact]
    public async Task Uploads_during_reloads_and_trainings_are_served_until_and_after_the_model_absorbs_them()
    {
        var people = Enumerable.Range(0, 8).Select(i => $"swap_{i:D2}").ToArray();
        var tokens = new Dictionary<string, string>();
        var expected = people.ToDictionary(p => p, _ => new HashSet<string>(StringComparer.Ordinal));
        using var stop = new CancellationTokenSource();
        // Retrains (each a reload of the data and a training) back to back while the uploads arrive.
        var retrains = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await Service.Http.PostAsync("/api/admin/retrain", null);
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                await Task.Delay(150);
            }
        });
        for (int round = 0; round < 3; round++)
        {
            await Task.WhenAll(people.Select((user, i) => Task.Run(async () =>
            {
                var films = Films.Skip(40 * i + 5 * round).Take(5).ToList();
                var (status, body) = await UploadAsync(user, films, bearer: tokens.GetValueOrDefault(user));
                Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, $"{user} round {round}: {status} {body.RootElement}");
                lock (tokens)
                {
                    if (status == HttpStatusCode.Created)
                        tokens[user] = body.RootElement.GetProperty("write_token").GetString()!;
                    expected[user].UnionWith(films.Select(f => f.Slug));
                }
                await AssertServedFromAsync(user, expected[user]);
            })));
        }
        await stop.CancelAsync();
        await retrains;
        using (var last = await Service.Http.PostAsync("/api/admin/retrain", null))
            Assert.Equal(HttpStatusCode.Accepted, last.StatusCode);
        await Service.WaitForModelStateAsync(m => m.GetProperty("pending_uploads").GetInt32() == 0, "absorbing every upload");
        await Service.WaitForTrainingIdleAsync();
        // The data served now holds everyone and the model was trained on it: answers no longer need the overlay.
        foreach (var user in people)
        {
            Assert.Equal(expected[user].Count, await StoredCountAsync(user));
            await AssertServedFromAsync(user, expected[user]);
        }
    }

    private async Task AssertServedFromAsync(string user, IReadOnlySet<string> rated)
    {
        using var test = await Service.GetJsonAsync($"/api/test/{user}");
        Assert.Equal(rated.Count, test.RootElement.GetProperty("ratings").GetInt32());
        using var list = await Service.GetJsonAsync($"/api/recomendacoes/{user}?limit=100");
        Assert.Contains(list.RootElement.GetProperty("mode").GetString(), PersonalModes);
        var slugs = list.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("film_id").GetString()!).ToList();
        Assert.NotEmpty(slugs);
        Assert.DoesNotContain(slugs, rated.Contains);
    }

    private async Task<(HttpStatusCode Status, JsonDocument Body)> UploadAsync(
        string user, IEnumerable<Film> films, string? bearer = null, string scheme = "Bearer")
    {
        var content = new StringContent(LetterboxdExportBuilder.RatingsCsv(films.Select(f => (f, 4.5f))), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/users/{user}/ratings") { Content = content };
        if (bearer is not null)
            request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {bearer}");
        using var response = await Service.Http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    private async Task<int> StoredCountAsync(string user) => (await StoredByUserAsync()).GetValueOrDefault(user)?.Count ?? 0;

    private async Task<Dictionary<string, List<string>>> StoredByUserAsync()
    {
        var byUser = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (var r in fixture.Store.ReadAllRatingsAsync())
        {
            if (!byUser.TryGetValue(r.Username, out var films))
                byUser[r.Username] = films = [];
            films.Add(r.FilmSlug);
        }
        return byUser;
    }
}

public sealed class SqliteUploadConsistencyTests(SqliteServiceFixture fixture) : UploadConsistencyContract<SqliteServiceFixture>(fixture);

public sealed class PostgresUploadConsistencyTests(PostgresServiceFixture fixture) : UploadConsistencyContract<PostgresServiceFixture>(fixture);
