namespace Recs.Aot.Http.Access;

/// <summary>
/// The service-wide write key, <c>Recs:ApiKey</c>, which server-side clients present as <c>Authorization: Bearer
/// &lt;key&gt;</c> to write for any username. Unset, no credential is the API key.
/// </summary>
public static class ApiKey
{
    /// <summary>
    /// True when a key is configured and <paramref name="presented"/> equals it, compared in constant time; surrounding
    /// whitespace of the configured value (a trailing newline from a secrets file) is ignored.
    /// </summary>
    public static bool Matches(string? configuredKey, string? presented)
    {
        var key = configuredKey.AsSpan().Trim();
        return !key.IsEmpty && presented is not null && SecretComparison.Matches(presented, key);
    }

    /// <summary>True when <paramref name="request"/> carries the configured API key as its bearer token.</summary>
    public static bool IsPresentedIn(HttpRequest request, string? configuredKey) =>
        BearerCredential.TryRead(request, out var token) && Matches(configuredKey, token);
}
