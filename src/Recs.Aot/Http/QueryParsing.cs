using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Recs.Engine.Catalog;

namespace Recs.Aot.Http;

/// <summary>Validation of route and query values; failures become 400 problem+json instead of framework-default errors.</summary>
internal static class QueryParsing
{
    public static bool TryUsername(string raw, out string username, out ProblemHttpResult? problem)
    {
        if (Username.TryNormalize(raw, out var normalized, out var error))
        {
            username = normalized;
            problem = null;
            return true;
        }
        username = "";
        problem = Problems.InvalidUsername($"'{Truncate(raw)}' is not a valid username: {error}");
        return false;
    }

    /// <summary>Parses an optional integer in [min, max]; absent → <paramref name="fallback"/>.</summary>
    public static bool TryInt(string? raw, string name, int min, int max, int fallback, out int value, out ProblemHttpResult? problem) =>
        TryInt(raw.AsSpan(), name, min, max, fallback, out value, out problem);

    /// <summary>Parses an optional integer in [min, max] without allocating unless it is refused; empty → <paramref name="fallback"/>.</summary>
    public static bool TryInt(ReadOnlySpan<char> raw, string name, int min, int max, int fallback, out int value, out ProblemHttpResult? problem)
    {
        problem = null;
        value = fallback;
        if (raw.IsEmpty)
            return true;
        if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
            return true;
        problem = Problems.InvalidParameter($"'{name}' must be an integer from {min} to {max}; got '{Truncate(raw.ToString())}'");
        return false;
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
