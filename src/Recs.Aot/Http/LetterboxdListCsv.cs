using System.Globalization;
using System.Text;
using Recs.Aot.Http.Contracts;
using Recs.Engine.Data;

namespace Recs.Aot.Http;

/// <summary>Writes recommendations as the CSV Letterboxd's list importer reads: <c>Title,Year,LetterboxdURI</c>, RFC 4180 quoting, CRLF line ends.</summary>
internal static class LetterboxdListCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>One row per item; the URI comes from the catalogue when <paramref name="data"/> knows the film, else it is empty.</summary>
    public static string Write(IEnumerable<RecommendationItem> items, RatingsDataset? data)
    {
        var csv = new StringBuilder("Title,Year,LetterboxdURI\r\n");
        foreach (var item in items)
        {
            string? uri = data is not null && data.FilmIndex.TryGetValue(item.FilmId, out int f) ? data.Films[f].LetterboxdUri : null;
            csv.Append(Field(item.Title)).Append(',')
               .Append(item.Year?.ToString(CultureInfo.InvariantCulture)).Append(',')
               .Append(Field(uri ?? "")).Append("\r\n");
        }
        return csv.ToString();
    }

    /// <summary>Quotes a field when it holds a comma, quote or line break, doubling inner quotes (RFC 4180).</summary>
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
