namespace Recs.Aot.Http.Access;

/// <summary>
/// Reads the credential of an <c>Authorization: Bearer &lt;token&gt;</c> header and tells whether it is a configured
/// secret (the admin token, the API key). The scheme is matched without regard to case (RFC 9110 §11.1: <c>bearer x</c>
/// is <c>Bearer x</c>); spaces and tabs around scheme and token are ignored; a token is one word, so a value with
/// whitespace inside it is no credential.
/// </summary>
public static class Bearer
{
    public const string Scheme = "Bearer";

    // RFC 9110 allows spaces between scheme and token, and optional whitespace (space or tab) around a field value.
    private const string Whitespace = " \t";

    /// <summary>
    /// The bearer token of <paramref name="request"/>, or null: no Authorization header, another scheme, an empty or
    /// malformed token, or more than one Authorization header (ambiguous, so none is believed).
    /// </summary>
    public static string? TokenOf(HttpRequest request)
    {
        var values = request.Headers.Authorization;
        return values.Count == 1 ? TokenOf(values[0]) : null;
    }

    /// <summary>The token of one Authorization header value, or null, as <see cref="TokenOf(HttpRequest)"/> describes.</summary>
    public static string? TokenOf(string? authorization)
    {
        var value = authorization.AsSpan().Trim(Whitespace);
        if (value.Length <= Scheme.Length
            || !value[..Scheme.Length].Equals(Scheme, StringComparison.OrdinalIgnoreCase)
            || value[Scheme.Length] is not (' ' or '\t'))
            return null;
        var token = value[Scheme.Length..].TrimStart(Whitespace);
        return token.IsEmpty || token.ContainsAny(Whitespace) ? null : token.ToString();
    }

    /// <summary>
    /// True when <paramref name="secret"/> is configured and <paramref name="presented"/> equals it, compared in constant
    /// time (<see cref="SecretComparison"/>). Whitespace around the configured value (a trailing newline from a secrets
    /// file) is ignored; a blank or unset secret matches nothing, not even an empty credential.
    /// </summary>
    public static bool Matches(string? secret, string? presented)
    {
        var configured = secret.AsSpan().Trim();
        return !configured.IsEmpty && presented is not null && SecretComparison.Matches(presented, configured);
    }
}
