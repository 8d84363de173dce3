using System.Net;
using System.Text;
using System.Text.Json;
using Recs.Engine.Catalog;
using Recs.Engine.Demo;
using Recs.Tests.Support;

namespace Recs.Tests.Http;

/// <summary>
/// Group recommendations for a member known only from an upload: their uploaded ratings count as rated, and the films
/// their zip marks watched or watchlisted are left out of the group's list like rated ones.
/// </summary>
public sealed class GroupWithUploadedMembersTests : IAsyncLifetime
{
    private const string Partner = "demo_001";
    private static readonly IReadOnlyList<Film> Films = DemoCatalogue.Films();
    // Twenty films of genre 0, loved: a taste like demo_000's, known to the service only through the upload.
    private static readonly List<(Film Film, float Stars)> Loved = [.. Films.Where((_, i) => i % 8 == 0).Take(20).Select(f => (f, 4.5f))];
    private RunningService _service = null!;

    public async Task InitializeAsync()
    {
        _service = await RunningService.StartAsync(await MemoryRatingStore.WithDemoDataAsync(), "--Recs:RefreshMinutes=0");
        await _service.WaitForTrainedModelAsync();
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task A_member_known_only_from_an_upload_gets_group_films_none_of_the_members_rated()
    {
        (await UploadAsync("group_uploaded", new StringContent(LetterboxdExportBuilder.RatingsCsv(Loved), Encoding.UTF8, "text/csv"))).Dispose();

        var items = await GroupAsync("group_uploaded", 20);

        Assert.Equal(20, items.Count);
        var rated = Loved.Select(l => l.Film.Slug).Concat(DemoCatalogue.Ratings().Where(r => r.Username == Partner).Select(r => r.FilmSlug)).ToHashSet();
        Assert.DoesNotContain(items, i => rated.Contains(i.Film));
        Assert.All(items, i => Assert.Equal(["group_uploaded", Partner], i.Members));
    }

    [Fact]
    public async Task Films_an_uploaded_member_marked_watched_or_watchlisted_are_left_out_of_the_group_list()
    {
        // A member with the same ratings and nothing excluded shows which films would lead the group's list.
        (await UploadAsync("group_probe", new StringContent(LetterboxdExportBuilder.RatingsCsv(Loved), Encoding.UTF8, "text/csv"))).Dispose();
        var leading = (await GroupAsync("group_probe", 10)).Select(i => i.Film).ToList();
        var bySlug = Films.ToDictionary(f => f.Slug);
        var watched = leading.Take(3).ToList();
        var watchlist = leading.Skip(3).Take(3).ToList();

        byte[] zip = LetterboxdExportBuilder.Zip(("ratings.csv", LetterboxdExportBuilder.RatingsCsv(Loved)),
            ("watched.csv", LetterboxdExportBuilder.ListCsv(watched.Select(s => bySlug[s]))),
            ("watchlist.csv", LetterboxdExportBuilder.ListCsv(watchlist.Select(s => bySlug[s]))));
        using (var upload = await UploadAsync("group_excluding", new MultipartFormDataContent { { new ByteArrayContent(zip), "file", "export.zip" } }))
            Assert.Equal(6, upload.RootElement.GetProperty("excluded_films").GetInt32());
        var films = (await GroupAsync("group_excluding", 50)).Select(i => i.Film).ToList();

        Assert.NotEmpty(films);
        var excluded = watched.Concat(watchlist).Where(films.Contains).ToList();
        Assert.True(excluded.Count == 0, $"watched or watchlisted films are in the group list: {string.Join(", ", excluded)}");
        Assert.Contains(leading[6], films);
    }

    private async Task<JsonDocument> UploadAsync(string user, HttpContent body)
    {
        using (body)
        using (var response = await _service.Http.PostAsync($"/api/users/{user}/ratings", body))
        {
            string text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"upload for {user} → {(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text);
        }
    }

    private async Task<List<(string Film, string[] Members)>> GroupAsync(string member, int limit)
    {
        using var doc = await _service.GetJsonAsync($"/api/recomendacoes/group?users={member},{Partner}&limit={limit}");
        return [.. doc.RootElement.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("film_id").GetString()!,
            i.GetProperty("fit").EnumerateArray().Select(f => f.GetProperty("username").GetString()!).ToArray()))];
    }
}
