namespace Recs.Aot.Http;

/// <summary>
/// The query string of almost every recommendation request — none, or only <c>limit</c> and <c>format</c> — read in
/// place, without the framework's query collection (a dictionary and a string per name and value on every request).
/// A query is plain when it has no filter, no percent- or plus-encoding and no name twice; names match
/// case-insensitively and unknown names are ignored, as the query collection does. Anything else is left to it.
/// </summary>
internal static class PlainRecommendationQuery
{
    private static readonly string[] FilterNames = ["min_year", "max_year", "genres", "exclude_genres", "type", "obscurity"];

    /// <summary>True when <paramref name="query"/> (with or without its leading <c>?</c>) is plain; the values are empty when absent.</summary>
    public static bool TryRead(ReadOnlySpan<char> query, out ReadOnlySpan<char> limit, out ReadOnlySpan<char> format)
    {
        limit = format = default;
        bool hasLimit = false, hasFormat = false;
        if (query.StartsWith('?'))
            query = query[1..];
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            if (pair.IsEmpty)
                continue;
            if (pair.ContainsAny('%', '+'))
                return false;
            int equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? [] : pair[(equals + 1)..];
            if (name.Equals("limit", StringComparison.OrdinalIgnoreCase))
            {
                if (hasLimit)
                    return false;
                hasLimit = true;
                limit = value;
            }
            else if (name.Equals("format", StringComparison.OrdinalIgnoreCase))
            {
                if (hasFormat)
                    return false;
                hasFormat = true;
                format = value;
            }
            else if (IsFilter(name))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsFilter(ReadOnlySpan<char> name)
    {
        foreach (var filter in FilterNames)
        {
            if (name.Equals(filter, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
