using CsCheck;
using Recs.Tests.Support;

namespace Recs.Tests.Http.Hostile;

/// <summary>Authorization headers: none, the API key, its ambiguous spellings, a stranger's token, garbage, the person's own token.</summary>
internal static class Authorizations
{
    private const string TokenChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";

    private static readonly Gen<string> StrangersToken = Gen.Char[TokenChars].Array[43].Select(c => "Bearer rw_" + new string(c));

    private static readonly Gen<string> Garbage = Gen.Frequency<string>(
        (6, Gen.OneOf<string>("", "Bearer", "Bearer ", "Bearer    ", "Basic dXNlcjpwYXNz", "Digest username=\"a\"", "Bearer null", "Bearer rw_",
            $"Bearer {ServiceFixture.ApiKey}x", $"Bearer {ServiceFixture.ApiKey[..^1]}", $"Bearer {ServiceFixture.ApiKey.ToUpperInvariant()}",
            $"Token {ServiceFixture.ApiKey}", $"Bearer {HostileTrafficFixture.AdminToken}", ServiceFixture.ApiKey,
            $"Bearer {ServiceFixture.ApiKey}, Bearer {ServiceFixture.ApiKey}")),
        (4, HostileText.Any.Select(v => "Bearer " + v)),
        (1, HostileText.Any));

    private static readonly Gen<string> ApiKeyVariant = Gen.OneOf<string>(
        $"bearer {ServiceFixture.ApiKey}", $"BEARER {ServiceFixture.ApiKey}", $"Bearer  {ServiceFixture.ApiKey}", $"Bearer {ServiceFixture.ApiKey} ", $" Bearer {ServiceFixture.ApiKey}",
        $"Bearer\t{ServiceFixture.ApiKey}");

    /// <summary>Who an upload claims to be, and the header value (null for none, and for <see cref="Caller.OwnToken"/>, which the sender fills in).</summary>
    public static readonly Gen<(Caller Caller, string? Header)> ForUpload = Gen.Frequency<(Caller, string?)>(
        (30, Gen.Const<(Caller, string?)>((Caller.None, null))),
        (25, Gen.Const<(Caller, string?)>((Caller.ApiKey, $"Bearer {ServiceFixture.ApiKey}"))),
        (20, Gen.Const<(Caller, string?)>((Caller.OwnToken, null))),
        (10, StrangersToken.Select(h => (Caller.WrongToken, (string?)h))),
        (10, Garbage.Select(h => (Caller.Garbage, (string?)h))),
        (5, ApiKeyVariant.Select(h => (Caller.ApiKeyVariant, (string?)h))));

    /// <summary>
    /// Headers for the admin endpoint and whether they must be let in (true), kept out (false) or either (null: the
    /// scheme in lower case, which RFC 9110 allows and the service may not take).
    /// </summary>
    public static readonly Gen<(bool? Admin, string? Header)> ForAdmin = Gen.Frequency<(bool?, string?)>(
        (2, Gen.Const<(bool?, string?)>((true, $"Bearer {HostileTrafficFixture.AdminToken}"))),
        (1, Gen.Const<(bool?, string?)>((false, null))),
        (1, Gen.Const<(bool?, string?)>((false, $"Bearer {ServiceFixture.ApiKey}"))),
        (1, Gen.Const<(bool?, string?)>((null, $"bearer {HostileTrafficFixture.AdminToken}"))),
        (2, Garbage.Select(h => (h == $"Bearer {HostileTrafficFixture.AdminToken}" ? (bool?)true : false, (string?)h))));

    /// <summary>Any header for a read-only route, where it must change nothing.</summary>
    public static readonly Gen<string?> ForRead = Gen.Frequency<string?>(
        (8, Gen.Const<string?>((string?)null)), (1, Garbage.Select(h => (string?)h)), (1, Gen.Const<string?>($"Bearer {ServiceFixture.ApiKey}")));
}
