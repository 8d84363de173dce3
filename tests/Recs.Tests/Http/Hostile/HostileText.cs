using CsCheck;

namespace Recs.Tests.Http.Hostile;

/// <summary>Generators of values a hostile user types: injections, traversal, unicode edge cases, numbers that are not numbers, 10 KB strings.</summary>
internal static class HostileText
{
    /// <summary>SQL, HTML, template, shell and path-traversal payloads, header splitting, and encoding tricks.</summary>
    public static readonly string[] Injections =
    [
        "' OR '1'='1", "'; DROP TABLE ratings;--", "\" OR 1=1 --", "1; SELECT pg_sleep(30)--", "demo_001' --", "%' AND 1=0 UNION SELECT * FROM meta --",
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg/onload=alert(1)>", "{{7*7}}", "${jndi:ldap://127.0.0.1/a}", "<!--", "]]>",
        "../../../../etc/passwd", "..\\..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "....//....//etc/passwd", "..%252f..%252f", "/dev/zero",
        "file:///etc/passwd", "\r\nSet-Cookie: a=1", "%0d%0aX-Injected: 1", "$(reboot)", "`id`", "| cat /etc/passwd", "&&", "a=b&c=d",
        "null", "undefined", "NaN", "Infinity", "-Infinity", "1e309", "-1e309", "-0", "0x7fffffff", "2147483648", "-2147483649", "9223372036854775808",
        "%00", "%", "%%", "%zz", "%u0041", "%C0%AF", "+", "&", "=", "?", "#", ";", ",", ",,,,", "\"", "'", "\\", "/", ".", "..", "", " ",
    ];

    /// <summary>Unicode that breaks naive code: RTL overrides, emoji sequences, NUL, BOM, non-characters, combining marks, lone surrogates, look-alike digits.</summary>
    public static readonly string[] Unicode =
    [
        "\u202Eevil\u202C", "\u200F\u200E", "مرحبا", "שלום", "😀", "👩‍👩‍👧‍👦", "🏳️‍🌈", "\0", "a\0b", "\uFEFF", "\uFFFD", "\uFFFF", "\uFFFE",
        "\u0085", "\u2028", "\u2029", "Ω", "İı", "ß", "ﬃ", "e\u0301", "Z\u0338\u0322\u0353a\u0335\u0321", "\uD800", "\uDFFF", "a\uD83D", "\uDE00b",
        "１２３", "٣", "߀", "\t", "\n", "\r\n", "\u00A0", "\u3000", "\u0000\u0000\u0000",
    ];

    /// <summary>Any character at all, lone surrogates included.</summary>
    public static readonly Gen<string> RandomChars = Gen.Char[(char)0, (char)0xFFFF].Array[1, 24].Select(chars => new string(chars));

    /// <summary>About 10 KB: one short hostile piece repeated.</summary>
    public static readonly Gen<string> TenKilobytes =
        from piece in Gen.OneOf<string>("A", "%", "😀", "\u202E", "../", "'", "é", "0")
        from length in Gen.Int[9_500, 10_500]
        select Repeat(piece, length);

    /// <summary>A short hostile value: a payload, a unicode case, random characters, or a mix of them.</summary>
    public static readonly Gen<string> Short = Gen.Frequency<string>(
        (4, Gen.OneOf(Injections)),
        (4, Gen.OneOf(Unicode)),
        (2, RandomChars),
        (3, Gen.Frequency<string>((4, Gen.OneOf(Injections)), (4, Gen.OneOf(Unicode)), (1, RandomChars)).Array[2, 4].Select(parts => string.Join("", parts))));

    /// <summary>Any hostile value, sometimes 10 KB long.</summary>
    public static readonly Gen<string> Any = Gen.Frequency<string>((20, Short), (1, TenKilobytes));

    /// <summary><paramref name="piece"/> repeated until the result is at least <paramref name="length"/> characters.</summary>
    public static string Repeat(string piece, int length) => string.Concat(Enumerable.Repeat(piece, length / piece.Length + 1))[..length];
}
