using System.IO.Compression;

namespace Recs.Storage.Import;

/// <summary>
/// Reads an uploaded Letterboxd export held in memory: a bare ratings.csv, or the account export zip, from which
/// ratings.csv, watched.csv and watchlist.csv are read. The zip's decompressed size is capped, so a zip bomb is refused
/// with <see cref="ImportTooLargeException"/> after reading at most the cap.
/// </summary>
public static class LetterboxdUploadReader
{
    public const string WatchedEntry = "watched.csv";
    public const string WatchlistEntry = "watchlist.csv";
    public const int MaxZipEntries = 1000;

    private static readonly string[] ListColumns = ["Name", "Year", "Letterboxd URI"];

    /// <summary>True when <paramref name="body"/> starts like a zip archive (local file header "PK\x03\x04").</summary>
    public static bool LooksLikeZip(ReadOnlySpan<byte> body) => body is [0x50, 0x4b, 0x03, 0x04, ..];

    /// <summary>Parses a ratings.csv body; throws <see cref="ImportFormatException"/> when it is empty, not UTF-8 or has the wrong header.</summary>
    public static LetterboxdUpload ReadCsv(byte[] body)
    {
        var ratings = LetterboxdExportParser.Parse(Plain(body, LetterboxdExportParser.RatingsEntry));
        return new LetterboxdUpload(ratings, [], [], HasLists: false);
    }

    /// <summary>Reads the export zip in <paramref name="body"/>, decompressing at most <paramref name="maxDecompressedBytes"/> in all.</summary>
    public static LetterboxdUpload ReadZip(byte[] body, long maxDecompressedBytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(body, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxZipEntries)
                throw new ImportFormatException($"the zip holds {zip.Entries.Count} entries; a Letterboxd export has far fewer than {MaxZipEntries}");
            long budget = maxDecompressedBytes;
            var ratingsEntry = Find(zip, LetterboxdExportParser.RatingsEntry)
                ?? throw new ImportFormatException($"the zip holds no {LetterboxdExportParser.RatingsEntry}; upload the Letterboxd account export zip or its ratings.csv");
            var ratings = LetterboxdExportParser.Parse(Plain(Inflate(ratingsEntry, ref budget, maxDecompressedBytes), ratingsEntry.FullName), ratingsEntry.FullName);
            var watched = ReadList(Find(zip, WatchedEntry), ref budget, maxDecompressedBytes);
            var watchlist = ReadList(Find(zip, WatchlistEntry), ref budget, maxDecompressedBytes);
            return new LetterboxdUpload(ratings, watched, watchlist, HasLists: true);
        }
        catch (InvalidDataException e)
        {
            throw new ImportFormatException("the body is not a readable zip file", e);
        }
    }

    // Gzip inside an upload is refused rather than inflated: its size would escape the caps above.
    private static MemoryStream Plain(byte[] bytes, string name)
    {
        if (bytes is [0x1f, 0x8b, ..])
            throw new ImportFormatException($"{name} is gzip-compressed; upload the plain CSV or the export zip");
        return new MemoryStream(bytes, writable: false);
    }

    // Exports keep their CSVs at the root; deleted/ and other folders may hold files of the same name.
    private static ZipArchiveEntry? Find(ZipArchive zip, string name) => zip.Entries
        .Where(e => e.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        .OrderBy(e => e.FullName.Length)
        .FirstOrDefault();

    // Copies one entry out, charging every decompressed byte against the shared budget; the declared size is not trusted.
    private static byte[] Inflate(ZipArchiveEntry entry, ref long budget, long cap)
    {
        if (entry.Length > budget)
            throw TooLarge(cap);
        using var source = entry.Open();
        using var copy = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = source.Read(chunk, 0, chunk.Length)) > 0)
        {
            budget -= read;
            if (budget < 0)
                throw TooLarge(cap);
            copy.Write(chunk, 0, read);
        }
        return copy.ToArray();
    }

    private static ImportTooLargeException TooLarge(long cap) =>
        new($"the zip decompresses to more than {cap / (1024 * 1024)} MB; a Letterboxd export is far smaller");

    // Rows that cannot be read are skipped: a list only removes films from recommendations, it never adds data.
    private static List<LetterboxdListEntry> ReadList(ZipArchiveEntry? entry, ref long budget, long cap)
    {
        var entries = new List<LetterboxdListEntry>();
        if (entry is null)
            return entries;
        using var text = TextInput.Open(Plain(Inflate(entry, ref budget, cap), entry.FullName));
        var csv = new CsvReader(text);
        var cols = CsvColumns.ReadHeader(csv, entry.FullName, ListColumns);
        var fields = new List<string>();
        // Watched and watchlist rows only exclude films, so unreadable ones are skipped rather than reported.
        while (csv.ReadRecord(fields, cols, out string? error))
        {
            if (error is not null)
                continue;
            string name = fields[cols[0]].Trim();
            string uri = fields[cols[2]].Trim();
            if (name.Length == 0 || !Fields.TryOptionalYear(fields[cols[1]], out int? year))
                continue;
            entries.Add(new LetterboxdListEntry(name, year, uri));
        }
        return entries;
    }
}
