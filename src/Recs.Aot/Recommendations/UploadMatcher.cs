using System.Runtime.InteropServices;
using Recs.Aot.Http.Contracts;
using Recs.Engine.Catalog;
using Recs.Engine.Data;
using Recs.Storage.Import;

namespace Recs.Aot.Recommendations;

/// <summary>
/// Matches an upload's films to the serving catalogue. The <see cref="FilmMatcher"/> (a normalised title of every
/// film, four indexes) is built once per catalogue and shared by every upload until the catalogue changes: built per
/// upload it was the largest CPU and allocation cost of an upload. Safe for concurrent uploads.
/// </summary>
public sealed class UploadMatcher
{
    public const int MaxUnmatchedListed = 50;

    private readonly Lock _building = new();
    private Catalogue? _catalogue;

    /// <summary>The matcher of <paramref name="films"/>, built on the first call for that catalogue.</summary>
    public FilmMatcher For(Film[] films)
    {
        var catalogue = Volatile.Read(ref _catalogue);
        if (ReferenceEquals(catalogue?.Films, films))
            return catalogue!.Matcher;
        lock (_building)
        {
            catalogue = _catalogue;
            if (ReferenceEquals(catalogue?.Films, films))
                return catalogue!.Matcher;
            // A reload that changed no film still copies the film array (DatasetMerge), so identity of every film,
            // not of the array, decides whether the matcher still describes the catalogue.
            var matcher = catalogue is not null && SameFilms(catalogue.Films, films) ? catalogue.Matcher : new FilmMatcher(films);
            Volatile.Write(ref _catalogue, new Catalogue(films, matcher));
            return matcher;
        }
    }

    /// <summary>
    /// The upload's ratings as <paramref name="username"/>'s records of catalogue films (a film rated twice keeps its
    /// last row), the first <see cref="MaxUnmatchedListed"/> films that match nothing, and, for an export with lists,
    /// the matched watched and watchlist films (slugs ascending).
    /// </summary>
    public MatchedUpload Match(RatingsDataset data, string username, LetterboxdUpload upload)
    {
        var matcher = For(data.Films);
        var rows = upload.Ratings.Rows;
        // Ratings go straight into the array handed to the store, indexed by film: a film rated twice keeps the place of
        // its first row and the stars of its last. When some rows matched nothing or repeated a film, the store is given
        // the array's filled part rather than a copy of it.
        var ratings = new RatingRecord[rows.Count];
        var places = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);
        int rated = 0;
        var unmatched = new List<UnmatchedFilm>();
        int unmatchedCount = 0;
        foreach (var row in rows)
        {
            if (matcher.Find(row.LetterboxdUri, row.Name, row.Year) is { } slug)
            {
                ref int place = ref CollectionsMarshal.GetValueRefOrAddDefault(places, slug, out bool seen);
                if (!seen)
                    place = rated++;
                ratings[place] = new RatingRecord(username, slug, row.Stars, row.Date);
                continue;
            }
            unmatchedCount++;
            if (unmatched.Count < MaxUnmatchedListed)
                unmatched.Add(new UnmatchedFilm(row.Name, row.Year, row.LetterboxdUri));
        }
        string[]? excluded = upload.HasLists ? MatchLists(matcher, upload) : null;
        IReadOnlyList<RatingRecord> filled = rated == ratings.Length ? ratings : new ArraySegment<RatingRecord>(ratings, 0, rated);
        return new MatchedUpload(filled, excluded, unmatchedCount, unmatched);
    }

    private static string[] MatchLists(FilmMatcher matcher, LetterboxdUpload upload)
    {
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in upload.Watched.Concat(upload.Watchlist))
        {
            if (matcher.Find(entry.LetterboxdUri, entry.Name, entry.Year) is { } slug)
                slugs.Add(slug);
        }
        return [.. slugs.Order(StringComparer.Ordinal)];
    }

    private static bool SameFilms(Film[] a, Film[] b)
    {
        if (a.Length != b.Length)
            return false;
        for (int i = 0; i < a.Length; i++)
        {
            if (!ReferenceEquals(a[i], b[i]))
                return false;
        }
        return true;
    }

    private sealed record Catalogue(Film[] Films, FilmMatcher Matcher);
}
