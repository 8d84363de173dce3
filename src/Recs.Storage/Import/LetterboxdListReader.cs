namespace Recs.Storage.Import;

/// <summary>
/// Reads the films of a Letterboxd list export or watchlist export. A list export starts with a block describing the
/// list (<c>Letterboxd list export v7</c>, then <c>Date,Name,Tags,URL,Description</c> and its row) before the films
/// (<c>Position,Name,Year,URL,Description</c>); a watchlist is <c>Date,Name,Year,Letterboxd URI</c>. The films start
/// after the first header naming Name, Year and a URI column (URL or Letterboxd URI), so the list's own block, which
/// has no Year, is skipped.
/// </summary>
public static class LetterboxdListReader
{
    /// <summary>
    /// The list's films in file order. Throws <see cref="ImportFormatException"/> when no header names the film
    /// columns, when a row cannot be read, and <see cref="ImportTooLargeException"/> past <paramref name="maxFilms"/>.
    /// </summary>
    public static async Task<List<LetterboxdListEntry>> ReadAsync(TextReader text, int maxFilms, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var csv = new CsvReader(text);
        var fields = new List<string>();
        int name = -1, year = -1, uri = -1;
        while (name < 0 && await csv.ReadAsync(fields, ct))
        {
            (name, year, uri) = (Column(fields, "Name"), Column(fields, "Year"), Column(fields, "Letterboxd URI"));
            if (uri < 0)
                uri = Column(fields, "URL");
            if (year < 0 || uri < 0)
                name = -1;
        }
        if (name < 0)
            throw new ImportFormatException("the CSV has no header naming Name, Year and URL (a list export) or Letterboxd URI (a watchlist)");
        var entries = new List<LetterboxdListEntry>();
        int width = System.Math.Max(name, System.Math.Max(year, uri)) + 1;
        while (await csv.ReadAsync(fields, ct))
        {
            if (fields.TrueForAll(f => f.Length == 0))
                continue;
            if (csv.Error is { } error)
                throw new ImportFormatException($"line {csv.LineNumber}: {error}");
            if (fields.Count < width || fields[name].Trim().Length == 0 || !Fields.TryOptionalYear(fields[year], out int? filmYear))
                throw new ImportFormatException($"line {csv.LineNumber}: a film row needs a Name, a Year (or none) and a URI");
            if (entries.Count == maxFilms)
                throw new ImportTooLargeException($"the list holds more than {maxFilms} films");
            entries.Add(new LetterboxdListEntry(fields[name].Trim(), filmYear, fields[uri].Trim()));
        }
        return entries;
    }

    private static int Column(List<string> header, string column) =>
        header.FindIndex(h => h.Trim().Equals(column, StringComparison.OrdinalIgnoreCase));
}
