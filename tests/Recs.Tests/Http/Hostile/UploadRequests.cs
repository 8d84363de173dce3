using System.Globalization;
using System.Text;
using CsCheck;

namespace Recs.Tests.Http.Hostile;

/// <summary>
/// Generators of POST /api/users/{username}/ratings: every body shape under every kind of Content-Type (documented,
/// lenient, unsupported, hostile, none), for newcomers, demo people and invalid names, by every kind of caller.
/// </summary>
internal static class UploadRequests
{
    public const string Route = "POST /api/users/{u}/ratings";

    private static readonly string?[] CsvTypes = ["text/csv", "text/csv; charset=utf-8", "TEXT/CSV", "text/plain", "application/octet-stream", "application/csv"];
    private static readonly string?[] LenientCsvTypes = [";;;", "text/csv; charset=latin1", "text/csv;;", " text/csv ", "text/plain; format=flowed"];
    private static readonly string?[] ZipTypes = ["application/zip", "application/x-zip-compressed"];
    private static readonly string?[] LenientZipTypes = ["application/octet-stream", "text/csv", "application/x-zip", "APPLICATION/ZIP; foo=bar"];
    // No Content-Type at all is refused (415) rather than guessed.
    private static readonly string?[] UnsupportedTypes = [null, "application/json", "image/png", "text/html", "text/*", "application/gzip", "application/xml"];
    private static readonly string?[] MisleadingTypes = ["application/zip", "application/x-www-form-urlencoded", "multipart/form-data; boundary=zz", "multipart/mixed; boundary=zz"];

    private static Gen<(GeneratedUpload, string?)> Typed(Gen<GeneratedUpload> bodies, string?[] must, string?[] lenient, string?[] refused) =>
        from body in bodies
        from kind in Gen.Int[0, 19]
        from type in Gen.OneOf(kind switch { <= 13 => must, <= 15 => lenient, _ => refused })
        from hostile in HostileText.Short
        select kind switch
        {
            <= 13 => (body, type),
            <= 14 => (body.Downgrade(UploadOutcome.MayStore, "lenient type"), type),
            15 => (body.Downgrade(UploadOutcome.MayStore, "hostile type"), (string?)hostile),
            _ => (body.Downgrade(UploadOutcome.Refused, "type it does not hold"), type),
        };

    private static readonly Gen<(GeneratedUpload, string?)> Garbage =
        from prefix in Gen.OneOf<byte[]>([], [0x50, 0x4B, 0x03, 0x04], [0x1F, 0x8B, 0x08, 0x00], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0x50, 0x4B, 0x05, 0x06])
        from bytes in Gen.Byte.Array[0, 2048]
        from type in Gen.OneOf<string?>([.. CsvTypes, .. ZipTypes, .. MisleadingTypes, "multipart/form-data; boundary=recs"])
        select (new GeneratedUpload($"{prefix.Length + bytes.Length} random bytes", [.. prefix, .. bytes], UploadOutcome.Refused, new Dictionary<string, float>(), IsZip: false), type);

    private static readonly Gen<(GeneratedUpload, string?)> Body = Gen.Frequency<(GeneratedUpload, string?)>(
        (50, Typed(RatingsCsvBodies.Any, CsvTypes, LenientCsvTypes, [.. UnsupportedTypes, .. MisleadingTypes])),
        (25, Typed(ExportZipBodies.Any, ZipTypes, LenientZipTypes, UnsupportedTypes)),
        (15, MultipartBodies.Any.Select(m => (m.Upload, (string?)m.ContentType))),
        (6, Garbage));

    // Where the upload goes: a newcomer (often), a demo person (only the API key may write them), an invalid name.
    private static readonly Gen<(string Raw, UrlText.Mode Mode)> User = Gen.Frequency<(string, UrlText.Mode)>(
        (14, Usernames.Cased(Gen.OneOf(Usernames.Newcomers)).Select(u => (u, UrlText.Mode.Encoded))),
        (3, Usernames.Cased(Gen.OneOf(Usernames.DemoTargets)).Select(u => (u, UrlText.Mode.Encoded))),
        (3, Gen.Select(Usernames.Invalid, Gen.OneOf(UrlText.Mode.Encoded, UrlText.Mode.DoubleEncoded))));

    // The reply's list length: usually absent; an invalid value must be refused, a lenient spelling may be.
    private static readonly Gen<string?> Limit = Gen.Frequency<string?>(
        (44, Gen.Const<string?>((string?)null)),
        (4, Gen.Int[1, 100].Select(n => (string?)n.ToString(CultureInfo.InvariantCulture))),
        (2, Gen.Frequency<string>((3, Gen.OneOf<string>("0", "101", "-1", "1e2", "NaN", "", " 7", "+7", "07", "2147483648", "1,2", "٣")), (2, HostileText.Any)).Select(v => (string?)v)));

    /// <summary>Any upload request.</summary>
    public static readonly Gen<HostileRequest> Any =
        from user in User
        from auth in Authorizations.ForUpload
        from body in Body
        from limit in Limit
        select Request(user, auth, body.Item1, body.Item2, limit, chunked: false);

    private static readonly Lazy<byte[]> OversizeCsv = new(() =>
        Encoding.UTF8.GetBytes("Date,Name,Year,Letterboxd URI,Rating\n2024-03-01,x,,https://letterboxd.com/film/demo-film-003/,4\n" + new string(' ', 6 << 20) + "\n"));

    /// <summary>Bodies over the 5 MB cap: with a length, chunked, as a multipart file, as a stored zip.</summary>
    public static readonly Gen<HostileRequest> Oversize =
        from user in User
        from auth in Authorizations.ForUpload
        from shape in Gen.Int[0, 3]
        select shape switch
        {
            0 => Request(user, auth, Oversized("6 MB csv"), "text/csv", null, chunked: false),
            1 => Request(user, auth, Oversized("6 MB csv, chunked"), "text/csv", null, chunked: true),
            2 => Request(user, auth, Oversized("6 MB multipart file") with { Bytes = Multipart(OversizeCsv.Value) }, "multipart/form-data; boundary=big", null, chunked: false),
            _ => Request(user, auth, Oversized("6 MB stored zip") with { Bytes = ZipWriter.Write([("ratings.csv", OversizeCsv.Value)], System.IO.Compression.CompressionLevel.NoCompression) },
                "application/zip", null, chunked: false),
        };

    /// <summary>Zip bombs under the documented zip type.</summary>
    public static readonly Gen<HostileRequest> Bomb =
        from user in User
        from auth in Authorizations.ForUpload
        from bomb in ExportZipBodies.Bomb
        select Request(user, auth, bomb, "application/zip", null, chunked: false);

    private static HostileRequest Request((string Raw, UrlText.Mode Mode) user, (Caller Caller, string? Header) auth, GeneratedUpload upload, string? contentType, string? limit, bool chunked)
    {
        string? name = Usernames.Normalized(UrlText.Decoded(user.Raw, user.Mode));
        var outcome = upload.Outcome;
        if (name is null)
            outcome = UploadOutcome.Refused;
        string query = "";
        if (limit is not null)
        {
            query = "?limit=" + UrlText.Encode(limit);
            outcome = RatingsCsvRows.Worst(outcome, LimitOutcome(limit));
        }
        string target = $"/api/users/{UrlText.Apply(user.Raw, user.Mode)}/ratings{query}";
        var intent = new UploadIntent(name, auth.Caller, upload, outcome);
        return new HostileRequest(Route, "POST", target, Canonical: false, new HostileBody(upload.Bytes, contentType, chunked), auth.Header, intent);
    }

    // Plain digits 1–100 (or empty: the default) change nothing; other integer spellings in range may be taken; the rest must be refused.
    private static UploadOutcome LimitOutcome(string limit)
    {
        if (limit.Length == 0 || (limit.All(char.IsAsciiDigit) && int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out int plain) && plain is >= 1 and <= 100))
            return UploadOutcome.MustStore;
        return int.TryParse(limit, NumberStyles.Integer, CultureInfo.InvariantCulture, out int lenient) && lenient is >= 1 and <= 100
            ? UploadOutcome.MayStore
            : UploadOutcome.Refused;
    }

    private static GeneratedUpload Oversized(string kind) => new(kind, OversizeCsv.Value, UploadOutcome.Refused, new Dictionary<string, float>(), IsZip: false);

    private static byte[] Multipart(byte[] file) =>
        [.. Encoding.ASCII.GetBytes("--big\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ratings.csv\"\r\nContent-Type: text/csv\r\n\r\n"),
         .. file, .. Encoding.ASCII.GetBytes("\r\n--big--\r\n")];
}
