using System.Diagnostics.CodeAnalysis;

namespace Recs.Engine.Catalog;

/// <summary>
/// The username rule: 1–32 characters of ASCII letters, digits, underscore or hyphen, compared case-insensitively
/// (stored lower-case). It admits every Letterboxd name (2–15 letters, digits, underscore) and MovieLens' numeric ids.
/// </summary>
public static class Username
{
    public const int MaxLength = 32;

    /// <summary>Returns the canonical (lower-case) form, or false with a reason when the name breaks the rule.</summary>
    public static bool TryNormalize(string? raw, [NotNullWhen(true)] out string? normalized, [NotNullWhen(false)] out string? error)
    {
        normalized = null;
        if (string.IsNullOrEmpty(raw))
        {
            error = "username is empty";
            return false;
        }
        if (raw.Length > MaxLength)
        {
            error = $"username is longer than {MaxLength} characters";
            return false;
        }
        foreach (char c in raw)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-'))
            {
                error = "username may contain only ASCII letters, digits, '_' and '-'";
                return false;
            }
        }
        normalized = raw.ToLowerInvariant();
        error = null;
        return true;
    }
}
