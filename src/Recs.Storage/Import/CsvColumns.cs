namespace Recs.Storage.Import;

/// <summary>Finds required columns in a CSV header by name (case-insensitive), so a file with the wrong header is refused up front.</summary>
public static class CsvColumns
{
    /// <summary>Reads the header of <paramref name="csv"/> and locates each name in <paramref name="required"/>; throws <see cref="ImportFormatException"/> naming what is missing.</summary>
    public static CsvHeader ReadHeader(CsvReader csv, string fileName, params string[] required)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var header = new List<string>();
        return Find(csv.Read(header) ? header : null, fileName, required);
    }

    /// <summary>As <see cref="ReadHeader"/>, reading asynchronously (for input that arrives over the network).</summary>
    public static async Task<CsvHeader> ReadHeaderAsync(CsvReader csv, string fileName, string[] required, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var header = new List<string>();
        return Find(await csv.ReadAsync(header, ct) ? header : null, fileName, required);
    }

    private static CsvHeader Find(List<string>? header, string fileName, string[] required)
    {
        if (header is null)
        {
            throw new ImportFormatException($"{fileName}: the file is empty; expected the header {string.Join(',', required)}");
        }
        var indexes = new int[required.Length];
        var missing = new List<string>();
        for (int r = 0; r < required.Length; r++)
        {
            indexes[r] = header.FindIndex(h => h.Trim().Equals(required[r], StringComparison.OrdinalIgnoreCase));
            if (indexes[r] < 0)
            {
                missing.Add(required[r]);
            }
        }
        if (missing.Count > 0)
        {
            throw new ImportFormatException(
                $"{fileName}: wrong header '{string.Join(',', header)}'; missing column(s) {string.Join(", ", missing)} (expected {string.Join(',', required)})");
        }
        return new CsvHeader(indexes, header.Count);
    }
}
