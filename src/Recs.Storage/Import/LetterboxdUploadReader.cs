using System.IO.Compression;

namespace Recs.Storage.Import;

/// <summary>
/// Reads an uploaded Letterboxd export as it arrives: a bare ratings.csv is parsed straight from the body; from the
/// account export zip, ratings.csv, watched.csv and watchlist.csv are parsed as they inflate, never held inflated.
/// The body and the zip's inflated size are capped, so an oversized body or a zip bomb is refused with
/// <see cref="ImportTooLargeException"/> after reading at most the cap; other problems throw <see cref="ImportFormatException"/>.
/// </summary>
public static class LetterboxdUploadReader
{
    public const string WatchedEntry = "watched.csv";
    public const string WatchlistEntry = "watchlist.csv";
    public const int MaxZipEntries = 1000;

    private static readonly string[] ListColumns = ["Name", "Year", "Letterboxd URI"];

    /// <summary>True when <paramref name="body"/> starts like a zip archive (local file header "PK\x03\x04").</summary>
    public static bool LooksLikeZip(ReadOnlySpan<byte> body) => body is [0x50, 0x4b, 0x03, 0x04, ..];

    /// <summary>
    /// Reads the upload in <paramref name="body"/> (read forward once, left open): a zip when <paramref name="declaredZip"/>
    /// or its first bytes say so, else a ratings.csv. Reads at most <paramref name="maxBodyBytes"/> of it and inflates
    /// at most <paramref name="maxInflatedBytes"/> of a zip's entries in all.
    /// </summary>
    public static async Task<LetterboxdUpload> ReadAsync(Stream body, bool declaredZip, long maxBodyBytes, long maxInflatedBytes, CancellationToken ct)
    {
        var input = await SniffedStream.OpenAsync(body, 4, ct);
        if (input.Head.IsEmpty)
        {
            throw new ImportFormatException("the body is empty; send a Letterboxd ratings.csv or export zip");
        }
        var capped = new LimitedReadStream(input, maxBodyBytes,
            () => new ImportTooLargeException($"the upload is larger than {maxBodyBytes / (1024 * 1024)} MB"));
        if (declaredZip || LooksLikeZip(input.Head))
        {
            // A zip's directory is at its end, so the compressed bytes are kept (at most the body cap, a few MB); the
            // entries are still parsed as they inflate.
            using var compressed = new MemoryStream();
            await capped.CopyToAsync(compressed, ct);
            compressed.Position = 0;
            return ReadZip(compressed, maxInflatedBytes);
        }
        RefuseGzip(input.Head, LetterboxdExportParser.RatingsEntry);
        using var text = TextInput.Open(capped);
        var ratings = await LetterboxdExportParser.ParseAsync(text, LetterboxdExportParser.RatingsEntry, ct);
        return new LetterboxdUpload(ratings, [], [], HasLists: false);
    }

    /// <summary>
    /// Reads the export zip in the seekable <paramref name="compressed"/>, parsing each entry as it inflates and
    /// inflating at most <paramref name="maxInflatedBytes"/> in all.
    /// </summary>
    public static LetterboxdUpload ReadZip(Stream compressed, long maxInflatedBytes)
    {
        try
        {
            using var zip = new ZipArchive(compressed, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxZipEntries)
            {
                throw new ImportFormatException($"the zip holds {zip.Entries.Count} entries; a Letterboxd export has far fewer than {MaxZipEntries}");
            }
            var ratingsEntry = Find(zip, LetterboxdExportParser.RatingsEntry)
                ?? throw new ImportFormatException($"the zip holds no {LetterboxdExportParser.RatingsEntry}; upload the Letterboxd account export zip or its ratings.csv");
            long left = maxInflatedBytes;
            var ratings = ReadEntry(ratingsEntry, ref left, maxInflatedBytes, (text, name) => LetterboxdExportParser.Parse(text, name));
            var watched = ReadList(Find(zip, WatchedEntry), ref left, maxInflatedBytes);
            var watchlist = ReadList(Find(zip, WatchlistEntry), ref left, maxInflatedBytes);
            return new LetterboxdUpload(ratings, watched, watchlist, HasLists: true);
        }
        catch (InvalidDataException e)
        {
            throw new ImportFormatException("the body is not a readable zip file", e);
        }
    }

    // Gzip inside an upload is refused rather than inflated: its size would escape the caps above.
    private static void RefuseGzip(ReadOnlySpan<byte> head, string name)
    {
        if (head is [0x1f, 0x8b, ..])
        {
            throw new ImportFormatException($"{name} is gzip-compressed; upload the plain CSV or the export zip");
        }
    }

    // Exports keep their CSVs at the root; deleted/ and other folders may hold files of the same name.
    private static ZipArchiveEntry? Find(ZipArchive zip, string name) => zip.Entries
        .Where(e => e.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        .OrderBy(e => e.FullName.Length)
        .FirstOrDefault();

    // Parses one entry as it inflates, charging every inflated byte against what is left of the cap; the size the
    // entry declares only serves to refuse it early, it is not trusted.
    private static T ReadEntry<T>(ZipArchiveEntry entry, ref long left, long cap, Func<TextReader, string, T> parse)
    {
        if (entry.Length > left)
        {
            throw TooLarge(cap);
        }
        using var inflating = entry.Open();
        var counted = new LimitedReadStream(inflating, left, () => TooLarge(cap));
        var input = SniffedStream.Open(counted, 2);
        RefuseGzip(input.Head, entry.FullName);
        T parsed;
        using (var text = TextInput.Open(input))
        {
            parsed = parse(text, entry.FullName);
        }
        left -= counted.BytesRead;
        return parsed;
    }

    private static ImportTooLargeException TooLarge(long cap) =>
        new($"the zip inflates to more than {cap / (1024 * 1024)} MB; a Letterboxd export is far smaller");

    private static List<LetterboxdListEntry> ReadList(ZipArchiveEntry? entry, ref long left, long cap) =>
        entry is null ? [] : ReadEntry(entry, ref left, cap, ParseList);

    // Watched and watchlist rows only remove films from recommendations, never add data, so unreadable rows are skipped
    // rather than reported.
    private static List<LetterboxdListEntry> ParseList(TextReader text, string name)
    {
        var entries = new List<LetterboxdListEntry>();
        using var csv = new CsvReader(text);
        var cols = CsvColumns.ReadHeader(csv, name, ListColumns);
        var fields = new List<string>();
        while (csv.ReadRecord(fields, cols, out string? error))
        {
            if (error is not null)
            {
                continue;
            }
            string film = fields[cols[0]].Trim();
            string uri = fields[cols[2]].Trim();
            if (film.Length == 0 || !Fields.TryOptionalYear(fields[cols[1]], out int? year))
            {
                continue;
            }
            entries.Add(new LetterboxdListEntry(film, year, uri));
        }
        return entries;
    }
}
