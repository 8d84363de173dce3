using System.Globalization;
using CsCheck;
using Recs.Engine.Catalog;
using Recs.Engine.Demo;

namespace Recs.Tests.Http.Hostile;

/// <summary>Generators of ratings.csv rows: films of the demo catalogue named by title and year or by film page, films it lacks, and rows that cannot be read.</summary>
internal static class RatingsCsvRows
{
    public static readonly IReadOnlyList<Film> Films = DemoCatalogue.Films();

    private const string TokenChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private static readonly Gen<string> Token = Gen.Char[TokenChars].Array[4, 10].Select(c => new string(c));

    private static readonly Gen<Film> Film = Gen.Int[0, DemoCatalogue.FilmCount - 1].Select(i => Films[i]);

    // A documented rating (0.5–5 in half stars) in a plain form, or (when lenient) in a form only a lenient reader takes.
    private static Gen<(float Stars, string Text, UploadOutcome Outcome)> Rating(bool lenient) =>
        from halves in Gen.Int[1, 10]
        from style in Gen.Int[0, lenient ? 9 : 6]
        let stars = halves / 2f
        let plain = stars.ToString(CultureInfo.InvariantCulture)
        select style switch
        {
            <= 5 => (stars, plain, UploadOutcome.MustStore),
            6 => (stars, stars.ToString("0.0", CultureInfo.InvariantCulture), UploadOutcome.MustStore),
            7 => (stars, $" {plain} ", UploadOutcome.MayStore),
            8 => (stars, "+" + plain, UploadOutcome.MayStore),
            _ => (stars, plain + "e0", UploadOutcome.MayStore),
        };

    /// <summary>A catalogue film named by exact (or upper-cased) title and year, with a short link the catalogue does not know.</summary>
    public static readonly Gen<RatingsCsvRow> ByTitle = Titled(lenient: false);

    /// <summary>As <see cref="ByTitle"/>, sometimes with a year or rating only a lenient reader takes.</summary>
    public static readonly Gen<RatingsCsvRow> ByTitleLenient = Titled(lenient: true);

    /// <summary>A catalogue film named by its letterboxd.com film page, under any (hostile) name.</summary>
    public static readonly Gen<RatingsCsvRow> ByFilmPage = FilmPage(lenient: false);

    /// <summary>As <see cref="ByFilmPage"/>, sometimes with a page address or rating only a lenient reader takes.</summary>
    public static readonly Gen<RatingsCsvRow> ByFilmPageLenient = FilmPage(lenient: true);

    private static Gen<RatingsCsvRow> Titled(bool lenient) =>
        from film in Film
        from rating in Rating(lenient)
        from upper in Gen.Int[0, 4]
        from yearStyle in Gen.Int[0, lenient ? 5 : 3]
        from token in Token
        from dated in Gen.Bool
        let year = film.Year!.Value.ToString(CultureInfo.InvariantCulture)
        let yearText = yearStyle switch { 4 => year + ".0", 5 => $" {year} ", _ => year }
        let outcome = Worst(rating.Outcome, yearStyle >= 4 ? UploadOutcome.MayStore : UploadOutcome.MustStore)
        select new RatingsCsvRow(
            [dated ? "2024-03-01" : "", upper == 0 ? film.Title.ToUpperInvariant() : film.Title, yearText, $"https://boxd.it/{token}", rating.Text],
            film.Slug, rating.Stars, outcome, "by title");

    private static Gen<RatingsCsvRow> FilmPage(bool lenient) =>
        from film in Film
        from rating in Rating(lenient)
        from name in HostileText.Short
        from uriStyle in Gen.Int[0, lenient ? 7 : 3]
        from yearStyle in Gen.Int[0, 2]
        let uri = uriStyle switch
        {
            0 or 1 => $"https://letterboxd.com/film/{film.Slug}/",
            2 => $"https://letterboxd.com/film/{film.Slug}",
            3 => $"http://letterboxd.com/film/{film.Slug}/",
            4 => $"https://www.letterboxd.com/film/{film.Slug}/",
            5 => $"https://LETTERBOXD.com/film/{film.Slug}/",
            6 => $"https://letterboxd.com/film/{film.Slug}/reviews/?sort=new#top",
            _ => $"  https://letterboxd.com/film/{film.Slug}/  ",
        }
        let year = yearStyle switch { 0 => "", 1 => film.Year!.Value.ToString(CultureInfo.InvariantCulture), _ => "1850" }
        let outcome = Worst(rating.Outcome, uriStyle >= 4 ? UploadOutcome.MayStore : UploadOutcome.MustStore)
        select new RatingsCsvRow(["2024-03-01", "x" + name, year, uri, rating.Text], film.Slug, rating.Stars, outcome, "by film page");

    /// <summary>A film the catalogue lacks: a hostile name (sometimes 10 KB) that no demo title normalises to, a short link.</summary>
    public static readonly Gen<RatingsCsvRow> Unmatched =
        from name in HostileText.Any
        from year in Gen.OneOf<string>("", "1801", "1850", "1899")
        from token in Token
        select new RatingsCsvRow(["2023-12-31", "zz " + name, year, $"https://boxd.it/{token}", "3.5"], null, 0, UploadOutcome.MustStore, "unmatched");

    /// <summary>A row that cannot be read: a rating that is not 0.5–5 in half stars, a bad date, year, address or name, too few fields.</summary>
    public static readonly Gen<RatingsCsvRow> Unreadable =
        from film in Film
        from flaw in Gen.Int[0, 5]
        from rating in Gen.OneOf<string>("NaN", "Infinity", "-Infinity", "∞", "-0", "0", "1e309", "-1e309", "1e-309", "5.5", "4.3", "4.25", "",
            "four", "4,5", "٣", "0x4", "-4", "10", "½", "4.5.1")
        from date in Gen.OneOf<string>("2024-13-45", "yesterday", "01/03/2024", "2024-3-1", "0000-00-00")
        from year in Gen.OneOf<string>("abc", "99999", "-1", "1700", "2500", "19 99", "２０２０", "1e3")
        from uri in Gen.OneOf<string>("", "not a uri", "ftp://letterboxd.com/film/x/", "javascript:alert(1)", "mailto:a@b.c", "/film/demo-film-001/")
        from name in Gen.OneOf<string>("", "   ", "\t")
        let slugUri = $"https://letterboxd.com/film/{film.Slug}/"
        let year0 = film.Year!.Value.ToString(CultureInfo.InvariantCulture)
        select flaw switch
        {
            0 => Bad(["2024-03-01", film.Title, year0, slugUri, rating], $"rating '{rating}'"),
            1 => Bad([date, film.Title, year0, slugUri, "4"], $"date '{date}'"),
            2 => Bad(["2024-03-01", film.Title, year, "https://boxd.it/q", "4"], $"year '{year}'"),
            3 => Bad(["2024-03-01", film.Title, year0, uri, "4"], $"address '{uri}'"),
            4 => Bad(["2024-03-01", name, year0, "https://boxd.it/q", "4"], "empty name"),
            _ => Bad(["2024-03-01", film.Title], "two fields"),
        };

    public static UploadOutcome Worst(UploadOutcome a, UploadOutcome b) => GeneratedUpload.Severity(a) >= GeneratedUpload.Severity(b) ? a : b;

    private static RatingsCsvRow Bad(string[] fields, string why) => new(fields, null, 0, UploadOutcome.Refused, why);
}
