using System.Diagnostics.CodeAnalysis;

namespace Recs.Aot.Http.Access;

/// <summary>
/// Reads the credential of an <c>Authorization: Bearer &lt;token&gt;</c> header. The scheme is matched without regard
/// to case (RFC 9110 §11.1: <c>bearer x</c> is the same as <c>Bearer x</c>); spaces and tabs around the scheme and the
/// token are ignored; a token is one word, so anything with whitespace inside it is no credential.
/// </summary>
public static class BearerCredential
{
    public const string Scheme = "Bearer";

    // RFC 9110 allows spaces between scheme and token, and optional whitespace (space or tab) around a field value.
    private const string Whitespace = " \t";

    /// <summary>
    /// The bearer token of <paramref name="request"/>; false when there is no Authorization header, another scheme,
    /// an empty or malformed token, or more than one Authorization header (ambiguous, so none is believed).
    /// </summary>
    public static bool TryRead(HttpRequest request, [NotNullWhen(true)] out string? token)
    {
        var values = request.Headers.Authorization;
        if (values.Count == 1)
            return TryParse(values[0], out token);
        token = null;
        return false;
    }

    /// <summary>The token of one Authorization header value, as <see cref="TryRead"/> describes.</summary>
    public static bool TryParse(ReadOnlySpan<char> authorization, [NotNullWhen(true)] out string? token)
    {
        token = null;
        var value = authorization.Trim(Whitespace);
        if (value.Length <= Scheme.Length
            || !value[..Scheme.Length].Equals(Scheme, StringComparison.OrdinalIgnoreCase)
            || !IsWhitespace(value[Scheme.Length]))
            return false;
        var credential = value[Scheme.Length..].TrimStart(Whitespace);
        if (credential.IsEmpty || credential.ContainsAny(Whitespace))
            return false;
        token = credential.ToString();
        return true;
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t';
}
