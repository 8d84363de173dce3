using System.Security.Cryptography;
using System.Text;

namespace Recs.Aot.Http.Access;

/// <summary>Reads <c>Authorization: Bearer &lt;token&gt;</c> (scheme case-insensitive, RFC 9110) and compares secrets in constant time.</summary>
public static class Bearer
{
    /// <summary>The token of a Bearer Authorization header, or null when the header is absent, of another scheme, or empty.</summary>
    public static string? TokenOf(string? authorization)
    {
        var value = authorization.AsSpan().Trim();
        if (value.Length <= 7 || !value[..6].Equals("Bearer", StringComparison.OrdinalIgnoreCase) || value[6] != ' ')
            return null;
        var token = value[7..].Trim();
        return token.IsEmpty ? null : token.ToString();
    }

    /// <summary>True when <paramref name="presented"/> equals a configured, non-empty <paramref name="secret"/>; constant time in the presented value.</summary>
    public static bool Matches(string? secret, string? presented) =>
        secret is { Length: > 0 } && presented is not null
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
