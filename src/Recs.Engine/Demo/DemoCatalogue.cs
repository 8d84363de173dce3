using Recs.Engine.Catalog;
using Recs.Engine.Data;

namespace Recs.Engine.Demo;

/// <summary>
/// A deterministic synthetic catalogue with clear taste structure, so a fresh install shows real behaviour:
/// films belong to genres, each demo user loves one or two genres and is lukewarm about the rest.
/// </summary>
public static class DemoCatalogue
{
    public const string UserPrefix = "demo_";
    private static readonly string[] GenreNames =
        ["Horror", "Comedy", "Drama", "Science Fiction", "Animation", "Documentary", "Romance", "Thriller"];
    private static readonly string[] Adjectives =
        ["Silent", "Crimson", "Last", "Hidden", "Electric", "Lonely", "Golden", "Broken", "Northern", "Paper", "Midnight", "Wild"];
    private static readonly string[] Nouns =
        ["Harbour", "Garden", "Signal", "Engine", "Summer", "Witness", "Mirror", "Orchard", "Frontier", "Choir", "Lantern", "Tide"];

    public static int FilmCount => 480;
    public static int UserCount => 300;

    /// <summary>The demo films and ratings as one in-memory data set, e.g. to train a model without a store.</summary>
    public static RatingsDataset Dataset()
    {
        var builder = new RatingsDatasetBuilder();
        foreach (var film in Films())
            builder.AddFilm(film);
        foreach (var rating in Ratings())
            builder.AddRating(rating);
        return builder.Build();
    }

    public static IReadOnlyList<Film> Films()
    {
        var films = new List<Film>(FilmCount);
        for (int i = 0; i < FilmCount; i++)
        {
            string genre = GenreNames[i % GenreNames.Length];
            string title = $"The {Adjectives[i / GenreNames.Length % Adjectives.Length]} {Nouns[i / (GenreNames.Length * Adjectives.Length) % Nouns.Length]} {i / (GenreNames.Length * Adjectives.Length) + 1}";
            int year = 1960 + (i * 37 % 65);
            films.Add(new Film($"demo-film-{i:D3}", title, year, [genre], "movie", null, null));
        }
        return films;
    }

    /// <summary>The genre a demo film belongs to.</summary>
    public static string GenreOf(int film) => GenreNames[film % GenreNames.Length];

    /// <summary>The genres demo user <paramref name="user"/> loves.</summary>
    public static (int First, int Second) FavouriteGenres(int user) => (user % GenreNames.Length, (user / GenreNames.Length + user) % GenreNames.Length);

    public static IEnumerable<RatingRecord> Ratings()
    {
        var random = new Random(20240601);
        var date = new DateOnly(2024, 1, 1);
        for (int u = 0; u < UserCount; u++)
        {
            var (first, second) = FavouriteGenres(u);
            int watched = 30 + random.Next(50);
            var seen = new HashSet<int>();
            while (seen.Count < watched)
            {
                // Users mostly watch what they love; popularity falls off with the film number.
                int genre = random.NextDouble() < 0.75 ? (random.NextDouble() < 0.6 ? first : second) : random.Next(GenreNames.Length);
                int rank = (int)(System.Math.Pow(random.NextDouble(), 2) * (FilmCount / GenreNames.Length));
                seen.Add(rank * GenreNames.Length + genre);
            }
            foreach (int f in seen.Order())
            {
                int genre = f % GenreNames.Length;
                double taste = genre == first ? 4.3 : genre == second ? 3.8 : 2.4;
                double stars = System.Math.Clamp(System.Math.Round((taste + (random.NextDouble() - 0.5) * 1.6) * 2) / 2, 0.5, 5.0);
                yield return new RatingRecord($"{UserPrefix}{u:D3}", $"demo-film-{f:D3}", (float)stars, date.AddDays(random.Next(600)));
            }
        }
    }
}
