namespace Recs.Storage.Import;

/// <summary>Finds required columns in a CSV header by name (case-insensitive), so a file with the wrong header is refused up front.</summary>
public static class CsvColumns
{
    /// <summary>Reads the header of <paramref name="csv"/> and returns the index of each name in <paramref name="required"/>; throws <see cref="ImportFormatException"/> naming what is missing.</summary>
    public static int[] ReadHeader(CsvReader csv, string fileName, params string[] required)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var header = new List<string>();
        if (!csv.Read(header))
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
        return indexes;
    }
}
