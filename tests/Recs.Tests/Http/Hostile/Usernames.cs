using CsCheck;
using Recs.Engine.Demo;

namespace Recs.Tests.Http.Hostile;

/// <summary>Usernames for generated requests: the demo data set's people, a pool of newcomers who upload, random valid names and hostile ones.</summary>
internal static class Usernames
{
    /// <summary>People who upload: a bounded pool, so the same person is written to again and again.</summary>
    public static readonly string[] Newcomers = [.. Enumerable.Range(0, 120).Select(i => $"hx{i:D3}")];

    /// <summary>The few demo people uploads aim at (only the API key may write them).</summary>
    public static readonly string[] DemoTargets = [.. Enumerable.Range(0, 8).Select(i => $"{DemoCatalogue.UserPrefix}{i * 37:D3}")];

    private const string NameChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";

    /// <summary>A name as some client might capitalise it: the rule compares case-insensitively.</summary>
    public static Gen<string> Cased(Gen<string> names) =>
        from name in names
        from style in Gen.Int[0, 5]
        select style switch
        {
            0 => name.ToUpperInvariant(),
            1 => string.Concat(name.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : c)),
            _ => name,
        };

    /// <summary>Names that follow the rule: demo people, newcomers, random 1–32 character names, the 32-character edge.</summary>
    public static readonly Gen<string> Valid = Gen.Frequency<string>(
        (4, Cased(Gen.Int[0, DemoCatalogue.UserCount - 1].Select(i => $"{DemoCatalogue.UserPrefix}{i:D3}"))),
        (4, Cased(Gen.OneOf(Newcomers))),
        (2, Gen.Char[NameChars].Array[1, 32].Select(c => new string(c))),
        (1, Gen.OneOf<string>("NaN", "Infinity", "null", "undefined", "true", "0", "-1", "_", "-", "--", new string('z', 32), "DROP_TABLE")));

    /// <summary>Names that break the rule: 33+ characters, hostile text, a dot or slash, empty.</summary>
    public static readonly Gen<string> Invalid = Gen.Frequency<string>(
        (6, HostileText.Any),
        (1, Gen.Char[NameChars].Array[33, 64].Select(c => new string(c))),
        (1, Gen.OneOf<string>("demo_001.", "demo 001", "demo/001", "demo%001", "démo", "demo_001\0", "..", ".")));

    /// <summary>The lower-case name the service must act on, or null when <paramref name="raw"/> breaks the documented rule.</summary>
    public static string? Normalized(string? raw) =>
        raw is { Length: >= 1 and <= 32 } && raw.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? raw.ToLowerInvariant() : null;
}
