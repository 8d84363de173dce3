using System.Globalization;
using System.Net;
using System.Text.Json;
using Recs.Engine.Demo;
using Recs.Storage.Import;
using Recs.Tests.Support;

namespace Recs.Tests.Http;

/// <summary>
/// The query options of /api/recomendacoes over real HTTP, for a personalised user (computed) and an unknown one
/// (fallback): each option must shape both lists. The catalogue is the demo one plus a few TV series.
/// </summary>
public abstract class RecommendationOptionsContract<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : ServiceFixture
{
    private const string Known = "demo_010";
    private const string Unknown = "stranger_77";

    private static readonly Lazy<Dictionary<string, int>> RatingCounts = new(() =>
        DemoCatalogue.Ratings().Concat(TvCatalogue.Ratings()).GroupBy(r => r.FilmSlug).ToDictionary(g => g.Key, g => g.Count()));

    // The demo user with the most ratings: the kind of person for whom the obscurity option used not to move the list.
    private static readonly Lazy<string> HeaviestRater = new(() =>
        DemoCatalogue.Ratings().GroupBy(r => r.Username).MaxBy(g => g.Count())!.Key);

    private RunningService Service => fixture.Service;

    [Theory]
    [InlineData(Known, "computed")]
    [InlineData(Unknown, "fallback")]
    public async Task Years_bound_every_item(string user, string mode)
    {
        var items = await ItemsAsync($"/api/recomendacoes/{user}?limit=30&min_year=1990&max_year=2000", mode);
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.InRange(i.GetProperty("year").GetInt32(), 1990, 2000));
    }

    [Theory]
    [InlineData(Known, "computed")]
    [InlineData(Unknown, "fallback")]
    public async Task Genres_keep_only_the_listed_genres(string user, string mode)
    {
        var items = await ItemsAsync($"/api/recomendacoes/{user}?limit=40&genres=horror,Science%20Fiction", mode);
        Assert.Equal(40, items.Count);
        Assert.All(items, i => Assert.Contains(GenreOf(i), new[] { "Horror", "Science Fiction" }));
    }

    [Theory]
    [InlineData(Known, "computed")]
    [InlineData(Unknown, "fallback")]
    public async Task Excluded_genres_never_appear(string user, string mode)
    {
        var items = await ItemsAsync($"/api/recomendacoes/{user}?limit=100&exclude_genres=documentary,ANIMATION,music", mode);
        Assert.Equal(100, items.Count);
        Assert.DoesNotContain(items, i => GenreOf(i) is "Documentary" or "Animation");
    }

    [Theory]
    [InlineData(Known, "computed")]
    [InlineData(Unknown, "fallback")]
    public async Task Tv_is_excluded_by_default_and_selectable_by_type(string user, string mode)
    {
        var byDefault = await ItemsAsync($"/api/recomendacoes/{user}?limit=100&genres=drama", mode, "ultra_fast");
        Assert.DoesNotContain(byDefault, IsTv);
        var tv = await ItemsAsync($"/api/recomendacoes/{user}?limit=100&type=tv", mode);
        Assert.NotEmpty(tv);
        Assert.All(tv, i => Assert.True(IsTv(i), $"{Slug(i)} is not a series"));
        var any = await ItemsAsync($"/api/recomendacoes/{user}?limit=100&type=any&genres=drama", mode);
        Assert.Contains(any, IsTv);
        Assert.Contains(any, i => !IsTv(i));
    }

    [Theory]
    [InlineData(Known, "computed")]
    [InlineData(Unknown, "fallback")]
    public async Task Obscurity_one_gives_less_popular_films_than_obscurity_zero(string user, string mode)
    {
        var popular = await ItemsAsync($"/api/recomendacoes/{user}?limit=20&obscurity=0", mode);
        var deep = await ItemsAsync($"/api/recomendacoes/{user}?limit=20&obscurity=1", mode);
        double popularMean = popular.Average(i => RatingCounts.Value.GetValueOrDefault(Slug(i)));
        double deepMean = deep.Average(i => RatingCounts.Value.GetValueOrDefault(Slug(i)));
        Assert.True(deepMean < popularMean, $"obscurity=1 mean rating count {deepMean:0.0} is not below obscurity=0's {popularMean:0.0}");
    }

    [Fact]
    public async Task The_obscurity_dial_lowers_a_heavy_raters_median_popularity_step_by_step()
    {
        string heavy = HeaviestRater.Value;
        double Median(List<JsonElement> items)
        {
            var counts = items.Select(i => (double)RatingCounts.Value.GetValueOrDefault(Slug(i))).Order().ToArray();
            return counts.Length % 2 == 1 ? counts[counts.Length / 2] : (counts[counts.Length / 2 - 1] + counts[counts.Length / 2]) / 2;
        }
        double popular = Median(await ItemsAsync($"/api/recomendacoes/{heavy}?limit=10&obscurity=0", "computed"));
        double neutral = Median(await ItemsAsync($"/api/recomendacoes/{heavy}?limit=10&obscurity=0.5", "computed"));
        double deep = Median(await ItemsAsync($"/api/recomendacoes/{heavy}?limit=10&obscurity=1", "computed"));

        Assert.True(deep < popular, $"{heavy}: median rating count {deep} at obscurity=1 is not below {popular} at obscurity=0");
        Assert.True(deep <= neutral && neutral <= popular, $"{heavy}: medians {popular}, {neutral}, {deep} at obscurity 0, 0.5, 1 are not in order");
    }

    [Fact]
    public async Task Half_obscurity_gives_exactly_the_default_list()
    {
        string heavy = HeaviestRater.Value;
        var plain = await ItemsAsync($"/api/recomendacoes/{heavy}?limit=30", "computed", "ultra_fast");
        var half = await ItemsAsync($"/api/recomendacoes/{heavy}?limit=30&obscurity=0.5", "computed");
        Assert.Equal(plain.Select(Slug), half.Select(Slug));
    }

    [Fact]
    public async Task Csv_format_parses_back_to_the_same_list_with_the_letterboxd_header()
    {
        string query = $"/api/recomendacoes/{Unknown}?limit=15&type=any";
        var json = await ItemsAsync(query, "fallback");
        using var response = await Service.Http.GetAsync(query + "&format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Contains(".csv", response.Content.Headers.ContentDisposition?.FileName ?? "", StringComparison.Ordinal);

        using var csv = new CsvReader(new StringReader(await response.Content.ReadAsStringAsync()));
        var fields = new List<string>();
        Assert.True(csv.Read(fields));
        Assert.Equal(["Title", "Year", "LetterboxdURI"], fields);
        var rows = new List<string[]>();
        while (csv.Read(fields))
        {
            if (fields is not [""])
                rows.Add([.. fields]);
        }
        Assert.Equal(json.Select(i => i.GetProperty("title").GetString()), rows.Select(r => r[0]));
        Assert.Equal(json.Select(i => i.GetProperty("year").GetInt32().ToString(CultureInfo.InvariantCulture)), rows.Select(r => r[1]));
        // The quoted series title survives the round trip with its Letterboxd URI; demo films have none.
        var quoted = Assert.Single(rows, r => r[0] == TvCatalogue.QuotedTitle);
        Assert.Equal(TvCatalogue.QuotedUri, quoted[2]);
        Assert.Contains(rows, r => r[2] == "");
    }

    [Theory]
    [InlineData("min_year=1869")]
    [InlineData("max_year=2101")]
    [InlineData("min_year=2000&max_year=1990")]
    [InlineData("min_year=nineteen")]
    [InlineData("obscurity=1.5")]
    [InlineData("obscurity=-0.1")]
    [InlineData("obscurity=NaN")]
    [InlineData("type=film")]
    [InlineData("format=xml")]
    [InlineData("genres=a,b,c,d,e,f,g,h,i,j,k")]
    [InlineData("exclude_genres=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Invalid_options_are_rejected_with_problem_json(string options)
    {
        using var response = await Service.Http.GetAsync($"/api/recomendacoes/{Known}?{options}");
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"?{options} → {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(body);
        Assert.Equal(400, doc.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("detail").GetString()));
    }

    private async Task<List<JsonElement>> ItemsAsync(string path, params string[] modes)
    {
        using var doc = await Service.GetJsonAsync(path);
        string mode = doc.RootElement.GetProperty("mode").GetString()!;
        Assert.True(modes.Contains(mode), $"GET {path} answered mode '{mode}', expected one of {string.Join(", ", modes)}");
        return [.. doc.RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone())];
    }

    private static string Slug(JsonElement item) => item.GetProperty("film_id").GetString()!;

    private static bool IsTv(JsonElement item) => Slug(item).StartsWith(TvCatalogue.SlugPrefix, StringComparison.Ordinal);

    private static string GenreOf(JsonElement item) => IsTv(item)
        ? "Drama"
        : DemoCatalogue.GenreOf(int.Parse(Slug(item)["demo-film-".Length..], CultureInfo.InvariantCulture));
}
