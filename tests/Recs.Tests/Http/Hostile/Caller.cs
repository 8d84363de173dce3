namespace Recs.Tests.Http.Hostile;

/// <summary>Who an upload's Authorization header claims to be.</summary>
internal enum Caller
{
    /// <summary>No Authorization header.</summary>
    None,

    /// <summary>Not a usable bearer token: another scheme, empty, a near miss of the API key, unicode, 10 KB.</summary>
    Garbage,

    /// <summary>A well-formed write token that belongs to nobody.</summary>
    WrongToken,

    /// <summary>Exactly "Bearer {API key}".</summary>
    ApiKey,

    /// <summary>The API key in a form RFC 9110 leaves open (scheme case, extra spaces): the service may or may not take it as the key.</summary>
    ApiKeyVariant,

    /// <summary>The write token the person's first upload returned (a wrong token when none is known yet).</summary>
    OwnToken,
}
