using System.Globalization;
using System.Text;
using Recs.Aot.Http.Contracts;
using Recs.Engine.Data;
using Recs.Storage.Export;

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
            csv.Append(CsvField.Quote(item.Title)).Append(',')
               .Append(item.Year?.ToString(CultureInfo.InvariantCulture)).Append(',')
               .Append(CsvField.Quote(uri ?? "")).Append("\r\n");
        }
        return csv.ToString();
    }
}
