using Recs.Engine.Catalog;

namespace Recs.Storage.Import;

/// <summary>Looks films up by Letterboxd URI, by the slug inside a letterboxd.com/film/ URI, or by normalised title and year.</summary>
public sealed class FilmMatcher
{
    private readonly Dictionary<string, string> _byUri = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _slugs = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Title, int? Year), string> _byTitleYear = [];
    // Title alone, for rows without a year; null marks a title shared by several films, which cannot be matched safely.
    private readonly Dictionary<string, string?> _byTitle = new(StringComparer.Ordinal);

    /// <summary>Indexes every film of <paramref name="films"/>; on a clash the first film keeps a key.</summary>
    public FilmMatcher(IEnumerable<Film> films)
    {
        foreach (var film in films)
        {
            Add(film);
        }
    }

    /// <summary>Adds one film to every index.</summary>
    public void Add(Film film)
    {
        _slugs.Add(film.Slug);
        if (film.LetterboxdUri is { Length: > 0 } uri)
        {
            _byUri.TryAdd(NormalizeUri(uri), film.Slug);
        }
        string title = TitleKey.Normalize(film.Title);
        _byTitleYear.TryAdd((title, film.Year), film.Slug);
        _byTitle[title] = _byTitle.ContainsKey(title) ? null : film.Slug;
    }

    /// <summary>The slug of the film with this Letterboxd URI, else film-page slug, else normalised title and year; null when none matches.</summary>
    public string? Find(string uri, string title, int? year)
    {
        if (_byUri.TryGetValue(NormalizeUri(uri), out string? slug))
        {
            return slug;
        }
        if (FilmPageSlug(uri) is { } pageSlug && _slugs.Contains(pageSlug))
        {
            return pageSlug;
        }
        string key = TitleKey.Normalize(title);
        if (_byTitleYear.TryGetValue((key, year), out slug))
        {
            return slug;
        }
        return year is null && _byTitle.TryGetValue(key, out slug) ? slug : null;
    }

    private static string NormalizeUri(string uri) => uri.Trim().TrimEnd('/');

    // https://letterboxd.com/film/{slug}/ names the film directly.
    private static string? FilmPageSlug(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.Host.EndsWith("letterboxd.com", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        string[] parts = parsed.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts is ["film", var slug, ..] ? slug : null;
    }
}
