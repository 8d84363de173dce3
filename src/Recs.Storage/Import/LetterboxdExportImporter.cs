using System.Diagnostics;
using System.Text;
using Recs.Engine.Catalog;
using Recs.Engine.Storage;

namespace Recs.Storage.Import;

/// <summary>
/// Imports one member's Letterboxd export: each row is matched to the catalogue by Letterboxd URI, else by
/// normalised title and year; rows that match nothing add a film keyed "boxd-{id}" from the export's short link.
/// </summary>
internal static class LetterboxdExportImporter
{
    public static async Task<ImportReport> ImportAsync(
        IRatingStore store, string username, string path, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        if (!Username.TryNormalize(username, out string? user, out string? userError))
        {
            throw new ArgumentException($"invalid username '{username}': {userError}", nameof(username));
        }
        var export = LetterboxdExportParser.ParseFile(path);
        progress?.Report(new ImportProgress(Path.GetFileName(path), export.Rows.Count + export.Malformed.Count));

        var catalogue = new FilmMatcher(await store.LoadFilmsAsync(ct));
        var created = new Dictionary<string, Film>(StringComparer.Ordinal);
        var ratings = new List<RatingRecord>(export.Rows.Count);
        long matched = 0;
        foreach (var row in export.Rows)
        {
            string? slug = catalogue.Find(row.LetterboxdUri, row.Name, row.Year);
            if (slug is not null)
            {
                matched++;
            }
            else
            {
                var film = NewFilm(row);
                slug = film.Slug;
                if (created.TryAdd(slug, film))
                {
                    catalogue.Add(film);
                }
            }
            ratings.Add(new RatingRecord(user, slug, row.Stars, row.Date));
        }

        await store.UpsertFilmsAsync(created.Values, ct);
        int ratingCount = await store.UpsertRatingsAsync(ratings, ct);
        return new ImportReport
        {
            Source = $"letterboxd-export {user} {path}",
            FilmsUpserted = created.Count,
            FilmsCreated = created.Count,
            FilmsMatched = matched,
            RatingsUpserted = ratingCount,
            UsersSeen = ratingCount > 0 ? 1 : 0,
            MalformedCount = export.Malformed.Count,
            MalformedMessages = export.Malformed.Messages,
            Elapsed = watch.Elapsed,
        };
    }

    /// <summary>A catalogue entry for an export row that matched nothing; its slug is stable so re-imports match it by URI.</summary>
    public static Film NewFilm(LetterboxdExportRow row)
    {
        string slug = ShortId(row.LetterboxdUri) is { } id
            ? $"boxd-{id}"
            : Slugify(row.Year is { } y ? $"{row.Name} {y}" : row.Name);
        return new Film(slug, row.Name, row.Year, [], "movie", null, row.LetterboxdUri);
    }

    /// <summary>The id in a short link like https://boxd.it/abc, or null for other addresses.</summary>
    public static string? ShortId(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.Host.Equals("boxd.it", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        string id = parsed.AbsolutePath.Trim('/');
        return id.Length > 0 && id.All(char.IsAsciiLetterOrDigit) ? id : null;
    }

    /// <summary>"Léon: The Professional 1994" → "leon-the-professional-1994".</summary>
    public static string Slugify(string text)
    {
        var slug = new StringBuilder();
        foreach (string word in TitleKey.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            slug.Append(slug.Length > 0 ? "-" : "").Append(word);
        }
        return slug.Length > 0 ? slug.ToString() : "untitled";
    }
}
