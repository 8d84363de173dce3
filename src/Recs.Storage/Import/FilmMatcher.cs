using Recs.Engine.Catalog;

namespace Recs.Storage.Import;

/// <summary>
/// Looks films up by the slug inside a letterboxd.com/film/ URI, by Letterboxd URI, or by normalised title and year.
/// Built once per catalogue and shared: after construction, <see cref="Find"/> only reads, so concurrent calls are
/// safe, and it allocates nothing for a title under 256 characters.
/// </summary>
public sealed class FilmMatcher
{
    private const int StackTitle = 256;

    // Only URIs that are not their own film's page: a film page resolves through the slug index, which costs no copy.
    private readonly Dictionary<string, string> _byUri = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _slugs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TitleFilms> _byTitle = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _uriLookup;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _slugLookup;
    private readonly Dictionary<string, TitleFilms>.AlternateLookup<ReadOnlySpan<char>> _titleLookup;

    /// <summary>Indexes every film of <paramref name="films"/>; on a clash the first film keeps a key.</summary>
    public FilmMatcher(IEnumerable<Film> films)
    {
        _uriLookup = _byUri.GetAlternateLookup<ReadOnlySpan<char>>();
        _slugLookup = _slugs.GetAlternateLookup<ReadOnlySpan<char>>();
        _titleLookup = _byTitle.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var film in films)
        {
            Add(film);
        }
    }

    /// <summary>Adds one film to every index. Not safe while another thread calls <see cref="Find"/>.</summary>
    public void Add(Film film)
    {
        ArgumentNullException.ThrowIfNull(film);
        _slugs.Add(film.Slug);
        if (film.LetterboxdUri is { Length: > 0 } uri && !FilmPageSlug(uri).SequenceEqual(film.Slug))
        {
            _uriLookup.TryAdd(NormalizeUri(uri), film.Slug);
        }
        string title = TitleKey.Normalize(film.Title);
        _byTitle[title] = _byTitle.TryGetValue(title, out var known) ? known.With(film.Year, film.Slug) : new TitleFilms(film.Year, film.Slug, null);
    }

    /// <summary>The slug of the film whose letterboxd.com/film/ page this URI is, else of the film with this Letterboxd URI, else by normalised title and year; null when none matches.</summary>
    public string? Find(string uri, string title, int? year)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(title);
        if (_slugLookup.TryGetValue(FilmPageSlug(uri), out string? slug) || _uriLookup.TryGetValue(NormalizeUri(uri), out slug))
        {
            return slug;
        }
        Span<char> key = title.Length <= StackTitle ? stackalloc char[title.Length] : new char[title.Length];
        return _titleLookup.TryGetValue(key[..TitleKey.Normalize(title, key)], out var films) ? films.Find(year) : null;
    }

    private static ReadOnlySpan<char> NormalizeUri(ReadOnlySpan<char> uri) => uri.Trim().TrimEnd('/');

    // https://letterboxd.com/film/{slug}/ names the film directly: scheme http(s), a host ending in letterboxd.com
    // (user information and port ignored), a path whose first two segments are "film" and the slug. Empty otherwise.
    private static ReadOnlySpan<char> FilmPageSlug(ReadOnlySpan<char> uri)
    {
        uri = uri.Trim();
        int schemeEnd = uri.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0 || !(uri[..schemeEnd].Equals("https", StringComparison.OrdinalIgnoreCase) || uri[..schemeEnd].Equals("http", StringComparison.OrdinalIgnoreCase)))
        {
            return [];
        }
        var rest = uri[(schemeEnd + 3)..];
        int hostEnd = rest.IndexOfAny('/', '?', '#');
        var host = hostEnd < 0 ? rest : rest[..hostEnd];
        host = host[(host.LastIndexOf('@') + 1)..];
        if (host.IndexOf(':') is >= 0 and var port)
        {
            host = host[..port];
        }
        if (!host.EndsWith("letterboxd.com", StringComparison.OrdinalIgnoreCase) || hostEnd < 0 || rest[hostEnd] != '/')
        {
            return [];
        }
        var path = rest[(hostEnd + 1)..];
        if (path.IndexOfAny('?', '#') is >= 0 and var query)
        {
            path = path[..query];
        }
        path = path.TrimStart('/');
        if (!path.StartsWith("film/", StringComparison.Ordinal))
        {
            return [];
        }
        path = path[5..].TrimStart('/');
        int slugEnd = path.IndexOf('/');
        return slugEnd < 0 ? path : path[..slugEnd];
    }
}
