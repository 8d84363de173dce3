namespace Recs.Storage.Export;

/// <summary>RFC 4180 field quoting for the CSV files Recs writes.</summary>
public static class CsvField
{
    /// <summary>Quotes a field when it holds a comma, quote or line break, doubling inner quotes; other fields are returned as they are.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
