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
        var fields = new List<string>();
        while (csv.ReadRecord(fields, cols, out string? error))
        {
            rows.Add(fields, csv.LineNumber, error);
        }
        return rows.ToFile();
    }

    /// <summary>As <see cref="Parse(TextReader, string)"/>, reading asynchronously, so an upload is parsed as its body arrives.</summary>
    public static async Task<LetterboxdExportFile> ParseAsync(TextReader text, string fileName, CancellationToken ct)
    {
        using var csv = new CsvReader(text);
        var cols = await CsvColumns.ReadHeaderAsync(csv, fileName, Columns, ct);
        var rows = new ExportRows(fileName, cols);
        var fields = new List<string>();
        while (await csv.ReadRecordAsync(fields, cols, ct))
        {
            rows.Add(fields, csv.LineNumber, csv.Error);
        }
        return rows.ToFile();
    }

    private static string? TryParseRow(List<string> fields, CsvHeader cols, long line, out LetterboxdExportRow? row)
    {
        row = null;
        string dateText = fields[cols[0]].Trim();
        DateOnly? date = null;
        if (dateText.Length > 0)
        {
            if (!Fields.TryDate(dateText, out var d))
            {
                return $"Date '{dateText}' is not YYYY-MM-DD";
            }
            date = d;
        }
        string name = fields[cols[1]].Trim();
        if (name.Length == 0)
        {
            return "Name is empty";
        }
        if (!Fields.TryOptionalYear(fields[cols[2]], out int? year))
        {
            return $"Year '{fields[cols[2]]}' is not a year";
        }
        string uri = fields[cols[3]].Trim();
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("https" or "http"))
        {
            return $"Letterboxd URI '{uri}' is not a web address";
        }
        if (!Fields.TryFloat(fields[cols[4]], out float stars) || !StarRating.IsValid(stars))
        {
            return $"Rating '{fields[cols[4]]}' is not 0.5–5 in half stars";
        }
        row = new LetterboxdExportRow(line, date, name, year, uri, stars);
        return null;
    }

    // Turns records into rows or malformed-row messages; shared by the synchronous and the asynchronous parser.
    private sealed class ExportRows(string fileName, CsvHeader cols)
    {
        private readonly List<LetterboxdExportRow> _rows = [];
        private readonly MalformedRows _malformed = new();

        public void Add(List<string> fields, long line, string? error)
        {
            LetterboxdExportRow? row = null;
            error ??= TryParseRow(fields, cols, line, out row);
            if (error is not null || row is null)
            {
                _malformed.Add(fileName, line, error ?? "unreadable row");
                return;
            }
            _rows.Add(row);
        }

        public LetterboxdExportFile ToFile() => new(_rows, _malformed);
    }
}
