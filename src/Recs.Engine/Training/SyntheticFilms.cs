using Recs.Engine.Catalog;

namespace Recs.Engine.Training;

/// <summary>
/// A deterministic catalogue for <see cref="SyntheticRatings"/>: one film per film index with a Letterboxd-style slug
/// (unique; a repeated title takes its year, as on Letterboxd), an English-looking title, a year weighted toward
/// recent decades, one to three genres and a popularity that follows the ratings.
/// </summary>
public static class SyntheticFilms
{
    private static readonly string[] Adjectives =
    [
        "Silent", "Crimson", "Last", "Hidden", "Electric", "Lonely", "Golden", "Broken", "Northern", "Paper", "Midnight",
        "Wild", "Quiet", "Burning", "Distant", "Frozen", "Secret", "Little", "Endless", "Bitter", "Holy", "Savage",
        "Velvet", "Hollow", "Summer", "Iron", "Glass", "Black", "White", "Blue", "Long", "Dark", "Sweet", "Lost",
        "Second", "Strange", "Perfect", "Dead", "Young", "Eternal",
    ];

    private static readonly string[] Nouns =
    [
        "Harbour", "Garden", "Signal", "Engine", "Summer", "Witness", "Mirror", "Orchard", "Frontier", "Choir", "Lantern",
        "Tide", "River", "Station", "Winter", "Country", "Kingdom", "Island", "Letter", "Stranger", "House", "Road",
        "City", "Heart", "Night", "Sister", "Brother", "Daughter", "Hunter", "Machine", "Dream", "Shadow", "Storm",
        "Horizon", "Promise", "Circus", "Empire", "Canyon", "Tower", "Cathedral", "Ghost", "Wedding", "Season", "Valley",
        "Desert", "Voyage", "Silence", "Fever", "Paradise", "Motel",
    ];

    private static readonly string[] Openings = ["Goodbye", "Hello", "Farewell", "Remember", "Listen", "Run"];

    private static readonly string[] Sequels = ["II", "III", "Part Two", "Returns", "Reloaded"];

    // TMDB's genres as Letterboxd shows them, weighted roughly by how often they occur in the real data set.
    private static readonly (string Name, int Weight)[] Genres =
    [
        ("Drama", 30), ("Comedy", 20), ("Thriller", 12), ("Action", 10), ("Romance", 9), ("Horror", 9), ("Crime", 8),
        ("Documentary", 7), ("Adventure", 6), ("Science Fiction", 5), ("Fantasy", 5), ("Mystery", 5), ("Family", 4),
        ("Animation", 4), ("History", 3), ("Music", 3), ("War", 2), ("Western", 1), ("TV Movie", 1),
    ];

    /// <summary>
    /// The films of <paramref name="ratings"/>, indexed like its <see cref="RatingTriples.FilmIds"/>; popularity is the
    /// percentage of users who rated the film. Equal arguments give equal catalogues.
    /// </summary>
    public static Film[] For(RatingTriples ratings, int seed)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        int films = ratings.FilmIds.Length;
        var counts = new int[films];
        foreach (int f in ratings.Films)
            counts[f]++;
        // A stream of its own, so the catalogue does not shift when the ratings generator draws differently.
        var random = new Random(unchecked(seed * 31 + 17));
        var slugs = new HashSet<string>(films, StringComparer.Ordinal);
        var catalogue = new Film[films];
        double percent = 100.0 / System.Math.Max(1, ratings.UserIds.Length);
        for (int f = 0; f < films; f++)
        {
            string title = Title(random);
            int year = 2024 - (int)(100 * System.Math.Pow(random.NextDouble(), 2));
            string slug = UniqueSlug(Slug(title), year, slugs);
            float popularity = MathF.Round((float)(counts[f] * percent), 4);
            catalogue[f] = new Film(slug, title, year, PickGenres(random), "movie", popularity, null);
        }
        return catalogue;
    }

    /// <summary>Letterboxd's slug of a title: lower-case ASCII letters and digits, every other run of characters one hyphen.</summary>
    public static string Slug(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        Span<char> slug = title.Length <= 256 ? stackalloc char[title.Length] : new char[title.Length];
        int n = 0;
        bool gap = false;
        foreach (char c in title)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (gap && n > 0)
                    slug[n++] = '-';
                slug[n++] = char.ToLowerInvariant(c);
                gap = false;
            }
            else
                gap = true;
        }
        return new string(slug[..n]);
    }

    private static string Title(Random random)
    {
        string adjective = Adjectives[random.Next(Adjectives.Length)];
        string noun = Nouns[random.Next(Nouns.Length)];
        string other = Nouns[random.Next(Nouns.Length)];
        return random.Next(10) switch
        {
            0 or 1 => $"The {adjective} {noun}",
            2 or 3 => $"{adjective} {noun}",
            4 => $"The {noun}",
            5 => $"{noun} of the {adjective} {other}",
            // Commas and colons occur in real titles ("10,000 BC"), so the CSV has to quote some fields.
            6 => $"{Openings[random.Next(Openings.Length)]}, {adjective} {noun}",
            7 => $"{noun}: {adjective} {other}",
            8 => $"The {adjective} {noun} {Sequels[random.Next(Sequels.Length)]}",
            _ => $"{noun} and {other}",
        };
    }

    // The first film with a slug keeps it; later ones take their year, then a counter, as Letterboxd disambiguates.
    private static string UniqueSlug(string slug, int year, HashSet<string> taken)
    {
        if (taken.Add(slug))
            return slug;
        string withYear = $"{slug}-{year}";
        if (taken.Add(withYear))
            return withYear;
        for (int n = 1; ; n++)
        {
            string numbered = $"{withYear}-{n}";
            if (taken.Add(numbered))
                return numbered;
        }
    }

    private static string[] PickGenres(Random random)
    {
        double roll = random.NextDouble();
        int wanted = roll < 0.4 ? 1 : roll < 0.75 ? 2 : 3;
        int total = 0;
        foreach (var (_, weight) in Genres)
            total += weight;
        var picked = new List<string>(wanted);
        while (picked.Count < wanted)
        {
            int x = random.Next(total);
            foreach (var (name, weight) in Genres)
            {
                if ((x -= weight) < 0)
                {
                    if (!picked.Contains(name))
                        picked.Add(name);
                    break;
                }
            }
        }
        return [.. picked];
    }
}
