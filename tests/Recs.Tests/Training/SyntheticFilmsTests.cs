using Recs.Engine.Training;

namespace Recs.Tests.Training;

public sealed class SyntheticFilmsTests
{
    [Theory]
    [InlineData("The Silent Harbour", "the-silent-harbour")]
    [InlineData("Farewell, Young Storm", "farewell-young-storm")]
    [InlineData("Silence: Frozen Engine II", "silence-frozen-engine-ii")]
    [InlineData("  10,000 BC!  ", "10-000-bc")]
    public void Slugs_are_lower_case_words_joined_by_single_hyphens(string title, string slug) =>
        Assert.Equal(slug, SyntheticFilms.Slug(title));

    [Fact]
    public void Forty_thousand_films_get_distinct_slugs_and_plausible_fields()
    {
        var ratings = SyntheticRatings.Generate(users: 2_000, films: 40_000, ratings: 40_000, tasteClusters: 2, seed: 9);
        var films = SyntheticFilms.For(ratings, seed: 9);

        Assert.Equal(40_000, films.Length);
        Assert.Equal(films.Length, films.Select(f => f.Slug).Distinct(StringComparer.Ordinal).Count());
        Assert.All(films, f =>
        {
            Assert.StartsWith(SyntheticFilms.Slug(f.Title), f.Slug, StringComparison.Ordinal);
            Assert.InRange(f.Year!.Value, 1924, 2024);
            Assert.InRange(f.Genres.Length, 1, 3);
            Assert.Equal(f.Genres.Length, f.Genres.Distinct().Count());
        });
        // Popularity is the share of users who rated the film, so the generator's most drawn film leads.
        int[] counts = new int[films.Length];
        foreach (int f in ratings.Films)
            counts[f]++;
        int top = Array.IndexOf(counts, counts.Max());
        Assert.Equal(films.Max(f => f.Popularity), films[top].Popularity);
        Assert.Equal(100f * counts[top] / 2_000, films[top].Popularity!.Value, 3);
    }
}
