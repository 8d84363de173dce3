using System.IO.Compression;
using System.Text;
using CsCheck;

namespace Recs.Tests.Http.Hostile;

/// <summary>
/// Generators of ratings.csv bodies: RFC 4180 quoting, embedded line breaks, BOM, CRLF or lone CR, blank lines,
/// reordered, renamed, extra and missing columns, huge fields and many rows, unreadable rows, bytes that are not
/// UTF-8, UTF-16, gzip, and truncation. Each carries the ratings a correct reading stores.
/// </summary>
internal static class RatingsCsvBodies
{
    private static readonly string[] Columns = ["Date", "Name", "Year", "Letterboxd URI", "Rating"];

    private static readonly byte[][] NotUtf8 = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0x80], [0xF5, 0x80, 0x80, 0x80], [0xFE, 0xFF]];

    private static readonly Gen<RatingsCsvRow> Readable = Gen.Frequency<RatingsCsvRow>(
        (5, RatingsCsvRows.ByTitle), (4, RatingsCsvRows.ByFilmPage), (2, RatingsCsvRows.Unmatched));

    private static readonly Gen<RatingsCsvRow> Lenient = Gen.Frequency<RatingsCsvRow>(
        (5, RatingsCsvRows.ByTitleLenient), (4, RatingsCsvRows.ByFilmPageLenient), (2, RatingsCsvRows.Unmatched));

    // One field of 0.1–2.4 MB: the body stays under the 5 MB cap.
    private static readonly Gen<RatingsCsvRow> HugeRow =
        from piece in Gen.OneOf<string>("a", "é", "😀", ",", "\"", "\n")
        from length in Gen.Int[100_000, 600_000]
        select new RatingsCsvRow(["2024-03-01", "zz " + HostileText.Repeat(piece, length), "", "https://boxd.it/huge", "4"], null, 0, UploadOutcome.MustStore, "huge field");

    private static readonly Gen<RatingsCsvRow[]> Rows = Gen.Frequency<RatingsCsvRow[]>(
        (45, Readable.Array[1, 30]),
        (15, Lenient.Array[1, 30]),
        (8, from rows in Readable.Array[1, 20] from bad in RatingsCsvRows.Unreadable from at in Gen.Int[0, 20] select Insert(rows, bad, at)),
        (1, Gen.Const<RatingsCsvRow[]>([])),
        (1, from rows in Readable.Array[1, 5] from huge in HugeRow select Insert(rows, huge, 2)),
        (1, from film in RatingsCsvRows.ByFilmPage from count in Gen.Int[5_000, 20_000] select ManyUnmatched(film, count)));

    /// <summary>A readable ratings.csv in plain UTF-8: what a zip or multipart upload wraps.</summary>
    public static readonly Gen<GeneratedUpload> Plain =
        from rows in Readable.Array[1, 25]
        from crlf in Gen.Bool
        from quoteAll in Gen.Bool
        select Build(rows, Columns, crlf ? "\r\n" : "\n", bom: false, quoteAll, blankLines: false, finalNewline: true, "csv");

    /// <summary>Any ratings.csv body, readable or not.</summary>
    public static readonly Gen<GeneratedUpload> Any =
        from rows in Rows
        from header in Gen.Int[0, 14]
        from newline in Gen.Frequency<string>((6, Gen.Const("\n")), (5, Gen.Const("\r\n")), (1, Gen.Const("\r")))
        from bom in Gen.Int[0, 4]
        from quoteAll in Gen.Bool
        from blankLines in Gen.Int[0, 7]
        from finalNewline in Gen.Int[0, 3]
        from extra in HostileText.Short.Array[1, 3]
        from damage in Gen.Int[0, 29]
        from damageAt in Gen.Double.Unit
        from badBytes in Gen.OneOf(NotUtf8)
        select Damage(HeaderStyle(rows, header, extra, newline, bom == 0, quoteAll, blankLines == 0, finalNewline != 0), damage, damageAt, badBytes);

    // Header styles: 0–10 the documented columns, 11 reordered, 12 renamed by case and spacing, 13 extra columns, 14 one missing.
    private static GeneratedUpload HeaderStyle(RatingsCsvRow[] rows, int style, string[] extra, string newline, bool bom, bool quoteAll, bool blankLines, bool finalNewline)
    {
        string kind = $"csv newline={Escape(newline)}{(bom ? " bom" : "")}{(quoteAll ? " quoted" : "")}{(blankLines ? " blank-lines" : "")}{(finalNewline ? "" : " no-final-newline")}";
        switch (style)
        {
            case 11:
                int[] order = [3, 0, 4, 2, 1];
                return Build([.. rows.Select(r => r with { Fields = [.. order.Select(i => r.Fields.ElementAtOrDefault(i) ?? "")] })],
                    [.. order.Select(i => Columns[i])], newline, bom, quoteAll, blankLines, finalNewline, kind + " reordered-columns")
                    .Downgrade(UploadOutcome.MayStore, "reordered");
            case 12:
                return Build(rows, ["date", " NAME ", "YEAR", "letterboxd uri", "Rating "], newline, bom, quoteAll, blankLines, finalNewline, kind + " renamed-columns")
                    .Downgrade(UploadOutcome.MayStore, "renamed");
            case 13:
                var extraNames = extra.Select((e, i) => $"Extra{i} {e}").ToArray();
                return Build([.. rows.Select(r => r with { Fields = [.. r.Fields, .. extra] })], [.. Columns, .. extraNames],
                    newline, bom, quoteAll, blankLines, finalNewline, kind + " extra-columns").Downgrade(UploadOutcome.MayStore, "extra columns");
            case 14:
                int drop = extra[0].Length % Columns.Length;
                return Build([.. rows.Select(r => r with { Fields = [.. r.Fields.Where((_, i) => i != drop)] })], [.. Columns.Where((_, i) => i != drop)],
                    newline, bom, quoteAll, blankLines, finalNewline, kind).Downgrade(UploadOutcome.Refused, $"no {Columns[drop]} column");
            default:
                var built = Build(rows, Columns, newline, bom, quoteAll, blankLines, finalNewline, kind);
                return newline == "\r" || blankLines ? built.Downgrade(UploadOutcome.MayStore, "lenient layout") : built;
        }
    }

    /// <summary>Writes the rows under <paramref name="header"/> as RFC 4180 CSV; the outcome is the worst of the rows' (no rows: refused).</summary>
    public static GeneratedUpload Build(RatingsCsvRow[] rows, string[] header, string newline, bool bom, bool quoteAll, bool blankLines, bool finalNewline, string kind)
    {
        var csv = new StringBuilder();
        if (bom)
            csv.Append('\uFEFF');
        csv.AppendJoin(',', header.Select(h => Field(h, quoteAll)));
        var ratings = new Dictionary<string, float>(StringComparer.Ordinal);
        var outcome = rows.Length == 0 ? UploadOutcome.Refused : UploadOutcome.MustStore;
        var why = new List<string>();
        foreach (var row in rows)
        {
            csv.Append(newline);
            if (blankLines)
                csv.Append(newline);
            csv.AppendJoin(',', row.Fields.Select(f => Field(f, quoteAll)));
            if (row.Slug is not null)
                ratings[row.Slug] = row.Stars;
            outcome = RatingsCsvRows.Worst(outcome, row.Outcome);
            if (row.Outcome == UploadOutcome.Refused)
                why.Add(row.Why);
        }
        if (finalNewline)
            csv.Append(newline);
        string description = $"{kind}, {rows.Length} rows, {ratings.Count} films{(rows.Length == 0 ? ", no rows" : "")}{(why.Count > 0 ? ", unreadable: " + string.Join("; ", why) : "")}";
        return new GeneratedUpload(description, Encoding.UTF8.GetBytes(csv.ToString()), outcome, ratings, IsZip: false);
    }

    // Damage 0–24 none, 25 bytes that are not UTF-8, 26 UTF-16, 27 gzip, 28–29 truncated.
    private static GeneratedUpload Damage(GeneratedUpload upload, int damage, double at, byte[] badBytes)
    {
        byte[] bytes = upload.Bytes;
        switch (damage)
        {
            case 25:
                int cut = AsciiBoundary(bytes, (int)(at * bytes.Length));
                return upload.Downgrade(UploadOutcome.Refused, "not UTF-8") with { Bytes = [.. bytes[..cut], .. badBytes, .. bytes[cut..]] };
            case 26:
                return upload.Downgrade(UploadOutcome.Refused, "UTF-16") with { Bytes = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(bytes))] };
            case 27:
                using (var gz = new MemoryStream())
                {
                    using (var zip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
                        zip.Write(bytes);
                    return upload.Downgrade(UploadOutcome.Refused, "gzip") with { Bytes = gz.ToArray() };
                }
            case >= 28 when bytes.Length > 2:
                int end = 1 + (int)(at * (bytes.Length - 2));
                return upload.Override(UploadOutcome.Unpredictable, $"truncated at byte {end}") with { Bytes = bytes[..end] };
            default:
                return upload;
        }
    }

    // The first position at or after `from` where an ASCII byte starts, so inserted bytes never split a character.
    private static int AsciiBoundary(byte[] bytes, int from)
    {
        for (int i = System.Math.Clamp(from, 0, bytes.Length); i < bytes.Length; i++)
        {
            if (bytes[i] < 0x80)
                return i;
        }
        return bytes.Length;
    }

    private static string Field(string value, bool quoteAll) =>
        quoteAll || value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    private static RatingsCsvRow[] Insert(RatingsCsvRow[] rows, RatingsCsvRow row, int at) => [.. rows.Take(at), row, .. rows.Skip(at)];

    private static RatingsCsvRow[] ManyUnmatched(RatingsCsvRow matched, int count) =>
        [matched, .. Enumerable.Range(0, count).Select(i => new RatingsCsvRow(["", $"zz film {i}", "1850", $"https://boxd.it/m{i}", "2.5"], null, 0, UploadOutcome.MustStore, "unmatched"))];

    private static string Escape(string newline) => newline.Replace("\r", "CR").Replace("\n", "LF");
}
