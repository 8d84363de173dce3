using System.Globalization;

namespace Recs.Storage.Import;

/// <summary>Culture-independent parsing of the numeric and date fields found in the import formats.</summary>
internal static class Fields
{
    public static bool TryInt(ReadOnlySpan<char> text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryLong(ReadOnlySpan<char> text, out long value) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryFloat(ReadOnlySpan<char> text, out float value) =>
        float.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Blank → null; otherwise an integer year, tolerating a trailing ".0" that spreadsheet tools add.</summary>
    public static bool TryOptionalYear(ReadOnlySpan<char> text, out int? year)
    {
        year = null;
        var span = text.Trim();
        if (span.IsEmpty)
        {
            return true;
        }
        if (span.EndsWith(".0", StringComparison.Ordinal))
        {
            span = span[..^2];
        }
        if (int.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out int y) && y is > 1800 and < 2200)
        {
            year = y;
            return true;
        }
        return false;
    }

    public static bool TryOptionalFloat(string text, out float? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (TryFloat(text, out float v) && float.IsFinite(v))
        {
            value = v;
            return true;
        }
        return false;
    }

    public static bool TryDate(ReadOnlySpan<char> text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string[] Genres(string text, string? noneMarker = null)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == noneMarker)
        {
            return [];
        }
        return text.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
