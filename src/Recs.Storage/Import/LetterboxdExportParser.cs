using System.IO.Compression;
using Recs.Engine.Catalog;

namespace Recs.Storage.Import;

/// <summary>
/// Reads a Letterboxd account export (<c>Date,Name,Year,Letterboxd URI,Rating</c>) from a ratings.csv, a .gz of it,
/// an export .zip or an uploaded stream. Wrong columns or non-UTF-8 input throw <see cref="ImportFormatException"/>;
/// bad rows (rating outside 0.5–5, bad year or date, missing name or URI) are listed in <see cref="LetterboxdExportFile.Malformed"/>.
/// </summary>
public static class LetterboxdExportParser
{
    public const string RatingsEntry = "ratings.csv";

    private static readonly string[] Columns = ["Date", "Name", "Year", "Letterboxd URI", "Rating"];

    /// <summary>Parses <paramref name="path"/>: a .zip is searched for ratings.csv, anything else is read as (possibly gzipped) CSV.</summary>
    public static LetterboxdExportFile ParseFile(string path)
    {
        if (!path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            using var text = TextInput.Open(path);
            return Parse(text, Path.GetFileName(path));
        }
        if (!File.Exists(path))
        {
            throw new ImportFormatException($"{path}: file not found");
        }
        try
        {
            using var zip = ZipFile.OpenRead(path);
            // Exports keep ratings.csv at the root; deleted/ and other folders may hold files of the same name.
            var entry = zip.Entries
                .Where(e => e.Name.Equals(RatingsEntry, StringComparison.OrdinalIgnoreCase))
                .OrderBy(e => e.FullName.Length)
                .FirstOrDefault()
                ?? throw new ImportFormatException($"{path}: the zip holds no {RatingsEntry}");
            using var text = TextInput.Open(entry.Open());
            return Parse(text, $"{Path.GetFileName(path)}:{entry.FullName}");
        }
        catch (InvalidDataException e)
        {
            throw new ImportFormatException($"{path}: not a readable zip file", e);
        }
    }

    /// <summary>Parses an uploaded stream (gzip is detected when the stream can seek); the stream is closed afterwards.</summary>
    public static LetterboxdExportFile Parse(Stream stream, string fileName = RatingsEntry)
    {
        using var text = TextInput.Open(stream);
        return Parse(text, fileName);
    }

    /// <summary>Parses CSV text; <paramref name="fileName"/> prefixes the malformed-row messages.</summary>
    public static LetterboxdExportFile Parse(TextReader text, string fileName = RatingsEntry)
    {
        using var csv = new CsvReader(text);
        var cols = CsvColumns.ReadHeader(csv, fileName, Columns);
        var rows = new ExportRows(fileName, cols);
        while (csv.NextRecord(cols, out string? error))
        {
            rows.Add(csv, error);
        }
        return rows.ToFile();
    }

    /// <summary>As <see cref="Parse(TextReader, string)"/>, reading asynchronously, so an upload is parsed as its body arrives.</summary>
    public static async Task<LetterboxdExportFile> ParseAsync(TextReader text, string fileName, CancellationToken ct)
    {
        using var csv = new CsvReader(text);
        var cols = await CsvColumns.ReadHeaderAsync(csv, fileName, Columns, ct);
        var rows = new ExportRows(fileName, cols);
        while (await csv.NextRecordAsync(cols, ct))
        {
            rows.Add(csv, csv.Error);
        }
        return rows.ToFile();
    }

    // Reads the current record's fields as spans: only the name and the address become strings, and the text of a
    // field is copied into a message only when the row is malformed.
    private static string? TryParseRow(CsvReader csv, CsvHeader cols, out LetterboxdExportRow? row)
    {
        row = null;
        var dateText = csv.Field(cols[0]).Trim();
        DateOnly? date = null;
        if (!dateText.IsEmpty)
        {
            if (!Fields.TryDate(dateText, out var d))
            {
                return $"Date '{dateText}' is not YYYY-MM-DD";
            }
            date = d;
        }
        var nameText = csv.Field(cols[1]).Trim();
        if (nameText.IsEmpty)
        {
            return "Name is empty";
        }
        var yearText = csv.Field(cols[2]);
        if (!Fields.TryOptionalYear(yearText, out int? year))
        {
            return $"Year '{yearText}' is not a year";
        }
        string uri = csv.Field(cols[3]).Trim().ToString();
        if (!WebAddress.IsHttp(uri))
        {
            return $"Letterboxd URI '{uri}' is not a web address";
        }
        var starsText = csv.Field(cols[4]);
        if (!Fields.TryFloat(starsText, out float stars) || !StarRating.IsValid(stars))
        {
            return $"Rating '{starsText}' is not 0.5–5 in half stars";
        }
        row = new LetterboxdExportRow(csv.LineNumber, date, nameText.ToString(), year, uri, stars);
        return null;
    }

    // Turns records into rows or malformed-row messages; shared by the synchronous and the asynchronous parser.
    private sealed class ExportRows(string fileName, CsvHeader cols)
    {
        private readonly List<LetterboxdExportRow> _rows = [];
        private readonly MalformedRows _malformed = new();

        /// <summary>Adds the current record of <paramref name="csv"/>, malformed for <paramref name="error"/> when it is not null.</summary>
        public void Add(CsvReader csv, string? error)
        {
            LetterboxdExportRow? row = null;
            error ??= TryParseRow(csv, cols, out row);
            if (error is not null || row is null)
            {
                _malformed.Add(fileName, csv.LineNumber, error ?? "unreadable row");
                return;
            }
            _rows.Add(row);
        }

        public LetterboxdExportFile ToFile() => new(_rows, _malformed);
    }
}
