using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Recs.Engine.Demo;
using Recs.Tests.Support;

namespace Recs.Tests.Http;

/// <summary>An upload matched against the serving catalogue but refused by the store's is a conflict, not a server fault.</summary>
public sealed class CatalogueChangeTests
{
    [Fact]
    public async Task A_film_gone_from_the_store_between_matching_and_storing_is_a_409_and_stores_nothing()
    {
        var store = await MemoryRatingStore.WithDemoDataAsync();
        await using var service = await RunningService.StartAsync(store, "--Recs:SnapshotPath=", "--Recs:RefreshMinutes=0");
        await service.WaitForModelAsync();
        var films = DemoCatalogue.Films().Take(6).ToList();
        store.RemoveFilm(films[3].Slug);

        using var content = new StringContent(LetterboxdExportBuilder.RatingsCsv(films.Select(f => (f, 4f))), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await service.Http.PostAsync("/api/users/late_matcher/ratings", content);
        string body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"→ {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(films[3].Slug, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await foreach (var rating in store.ReadAllRatingsAsync())
            Assert.NotEqual("late_matcher", rating.Username);
    }
}
