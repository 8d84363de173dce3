using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsCheck;

namespace Recs.Tests.Http.Hostile;

/// <summary>
/// Generators of Letterboxd export zips: the real layout, nested and decoy copies of ratings.csv, many entries,
/// large entries the service must not inflate, watched and watchlist lists, truncated and corrupted archives,
/// archives without ratings.csv, and two zip bombs (small archives that inflate past the 50 MB cap).
/// </summary>
internal static class ExportZipBodies
{
    private const string ListHeader = "Date,Name,Year,Letterboxd URI\n";

    private static readonly Gen<CompressionLevel> Level = Gen.OneOf(CompressionLevel.NoCompression, CompressionLevel.Fastest, CompressionLevel.Optimal);

    // watched.csv or watchlist.csv: catalogue films and unknown ones, sometimes with rows a list reader should skip.
    private static readonly Gen<(byte[] Bytes, UploadOutcome Outcome)> List =
        from films in Gen.Int[0, RatingsCsvRows.Films.Count - 1].Array[0, 30]
        from junk in HostileText.Short.Array[0, 3]
        from style in Gen.Int[0, 14]
        select ListBody(films, junk, style);

    private static readonly Gen<(string Name, byte[] Bytes)> ExtraFile =
        from name in Gen.OneOf<string>("profile.csv", "comments.csv", "reviews.csv", "diary.csv", "likes/films.csv", "lists/a-list.csv",
            "deleted/watched.csv", "../../etc/passwd", "a\\b.csv", "\u202Ecsv.exe", "😀.csv", "dir/", "orphan/deeper/")
        from text in HostileText.Short
        select (name, name.EndsWith('/') ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(text));

    /// <summary>The export as Letterboxd writes it: ratings.csv at the root, maybe lists and other files.</summary>
    public static readonly Gen<GeneratedUpload> Export =
        from ratings in RatingsCsvBodies.Plain
        from watched in List
        from watchlist in List
        from lists in Gen.Int[0, 3]
        from extras in ExtraFile.Array[0, 4]
        from level in Level
        select Zip(ratings, "ratings.csv", level, lists, watched, watchlist, extras, "export zip");

    private static readonly Gen<GeneratedUpload> Nested =
        from ratings in RatingsCsvBodies.Plain
        from path in Gen.OneOf<string>("letterboxd-someone-2024-03-01-12-00-utc/ratings.csv", "a/b/c/d/e/f/g/ratings.csv", "RATINGS.CSV",
            "../ratings.csv", "dir\\ratings.csv", "Ratings.csv")
        from level in Level
        select Zip(ratings, path, level, 0, default, default, [], $"zip with {path}").Downgrade(UploadOutcome.MayStore, "not at the root");

    // deleted/ratings.csv holds other films: the root copy is the export's.
    private static readonly Gen<GeneratedUpload> WithDecoy =
        from ratings in RatingsCsvBodies.Plain
        from decoy in RatingsCsvBodies.Plain
        from level in Level
        select Zip(ratings, "ratings.csv", level, 0, default, default, [("deleted/ratings.csv", decoy.Bytes)], "zip with deleted/ratings.csv first");

    private static readonly Gen<GeneratedUpload> ManyEntries =
        from ratings in RatingsCsvBodies.Plain
        from count in Gen.Int[900, 1_100]
        select Zip(ratings, "ratings.csv", CompressionLevel.Fastest, 0, default, default,
                [.. Enumerable.Range(0, count).Select(i => ($"many/{i}.txt", new[] { (byte)'x' }))], $"zip with {count + 1} entries")
            .Downgrade(count + 1 > 1000 ? UploadOutcome.MayStore : UploadOutcome.MustStore, "many entries");

    // Large entries no export reader needs: a service that inflates them wastes time and memory.
    private static readonly Gen<GeneratedUpload> IgnoredBulk =
        from ratings in RatingsCsvBodies.Plain
        from count in Gen.Int[10, 60]
        select Zip(ratings, "ratings.csv", CompressionLevel.Fastest, 0, default, default,
            [.. Enumerable.Range(0, count).Select(i => ($"bulk/{i}.bin", new byte[64 * 1024]))], $"zip with {count} entries of 64 KB zeros");

    // Cut before the end-of-central-directory record: no reader can open it.
    private static readonly Gen<GeneratedUpload> Truncated =
        from zip in Export
        from at in Gen.Double.Unit
        let end = 1 + (int)(at * (zip.Bytes.Length - 24))
        select zip.Override(UploadOutcome.Refused, $"truncated at byte {end} of {zip.Bytes.Length}") with { Bytes = zip.Bytes[..end] };

    private static readonly Gen<GeneratedUpload> Corrupted =
        from zip in Export
        from flips in Gen.Select(Gen.Double.Unit, Gen.Byte).Array[1, 4]
        select zip.Override(UploadOutcome.Unpredictable, $"{flips.Length} bytes overwritten") with { Bytes = Flip(zip.Bytes, flips) };

    private static readonly Gen<GeneratedUpload> WithoutRatings =
        from ratings in RatingsCsvBodies.Plain
        from shape in Gen.Int[0, 5]
        select shape switch
        {
            0 => Refused("zip with only watched.csv", ZipWriter.Write([("watched.csv", Encoding.UTF8.GetBytes(ListHeader))], CompressionLevel.Fastest)),
            1 => Refused("zip with a ratings.csv folder", ZipWriter.Write([("ratings.csv/", [])], CompressionLevel.Fastest)),
            2 => Refused("zip with gzip ratings.csv", ZipWriter.Write([("ratings.csv", Gzip(ratings.Bytes))], CompressionLevel.NoCompression)),
            3 => Refused("zip in a zip", ZipWriter.Write([("ratings.csv", ZipWriter.Write([("ratings.csv", ratings.Bytes)], CompressionLevel.Fastest))], CompressionLevel.Fastest)),
            4 => Refused("empty zip", ZipWriter.Write([], CompressionLevel.Fastest)),
            _ => Refused("zip with an empty ratings.csv", ZipWriter.Write([("ratings.csv", [])], CompressionLevel.Fastest)),
        };

    private static readonly Gen<GeneratedUpload> AnyInner =
        from ratings in RatingsCsvBodies.Any
        from level in Level
        select Zip(ratings, "ratings.csv", level, 0, default, default, [], "zip of");

    /// <summary>Any export zip that is not a bomb.</summary>
    public static readonly Gen<GeneratedUpload> Any = Gen.Frequency<GeneratedUpload>(
        (20, Export), (3, Nested), (3, WithDecoy), (2, ManyEntries), (1, IgnoredBulk), (3, Truncated), (4, Corrupted), (3, WithoutRatings), (3, AnyInner));

    private static readonly Lazy<GeneratedUpload> RatingsBomb = new(() =>
        Refused("zip bomb: ratings.csv inflates to 60 MB", ZipWriter.Filled("ratings.csv", Encoding.UTF8.GetBytes(
            "Date,Name,Year,Letterboxd URI,Rating\n2024-03-01,x,,https://letterboxd.com/film/demo-film-001/,4\n"), (byte)'\n', 60L << 20)));

    private static readonly Lazy<GeneratedUpload> WatchedBomb = new(() =>
        Refused("zip bomb: watched.csv inflates to 60 MB", ZipWriter.Filled("watched.csv", Encoding.UTF8.GetBytes(ListHeader), (byte)'\n', 60L << 20,
            ("ratings.csv", Encoding.UTF8.GetBytes("Date,Name,Year,Letterboxd URI,Rating\n2024-03-01,x,,https://letterboxd.com/film/demo-film-002/,4\n")))));

    /// <summary>Small archives that inflate past the cap (built once, a few hundred KB each).</summary>
    public static readonly Gen<GeneratedUpload> Bomb = Gen.Bool.Select(watched => watched ? WatchedBomb.Value : RatingsBomb.Value);

    private static GeneratedUpload Zip(GeneratedUpload ratings, string path, CompressionLevel level, int lists,
        (byte[] Bytes, UploadOutcome Outcome) watched, (byte[] Bytes, UploadOutcome Outcome) watchlist, (string, byte[])[] extras, string kind)
    {
        var entries = new List<(string, byte[])>(extras) { (path, ratings.Bytes) };
        var outcome = ratings.Outcome;
        // A list file in a folder is read when the root has none; its hostile text is no list.
        if (extras.Any(e => e.Item1.EndsWith("/watched.csv", StringComparison.Ordinal)) && (lists & 1) == 0)
            outcome = RatingsCsvRows.Worst(outcome, UploadOutcome.MayStore);
        if ((lists & 1) != 0 && watched.Bytes is not null)
        {
            entries.Add(("watched.csv", watched.Bytes));
            outcome = RatingsCsvRows.Worst(outcome, watched.Outcome);
        }
        if ((lists & 2) != 0 && watchlist.Bytes is not null)
        {
            entries.Add(("watchlist.csv", watchlist.Bytes));
            outcome = RatingsCsvRows.Worst(outcome, watchlist.Outcome);
        }
        string description = $"{kind} ({ratings.Kind}){((lists & 1) != 0 ? " +watched" : "")}{((lists & 2) != 0 ? " +watchlist" : "")}{(extras.Length > 0 ? $" +{extras.Length} other entries" : "")} {level}";
        return new GeneratedUpload(description, ZipWriter.Write(entries, level), outcome, ratings.Ratings, IsZip: true);
    }

    // Style 0–11 clean, 12 unreadable rows (lists skip them), 13 wrong header, 14 not UTF-8: the contract only covers clean lists.
    private static (byte[], UploadOutcome) ListBody(int[] films, string[] junk, int style)
    {
        var csv = new StringBuilder(style == 13 ? "Title,Released\n" : ListHeader);
        foreach (int f in films)
        {
            var film = RatingsCsvRows.Films[f];
            csv.Append("2024-03-01,").Append(film.Title).Append(',').Append(film.Year?.ToString(CultureInfo.InvariantCulture)).Append(",https://boxd.it/w").Append(f).Append('\n');
        }
        if (style == 12)
        {
            foreach (string j in junk)
                csv.Append('"').Append(j.Replace("\"", "\"\"")).Append("\",notayear,\n");
        }
        byte[] bytes = Encoding.UTF8.GetBytes(csv.ToString());
        return style switch
        {
            12 or 13 => (bytes, UploadOutcome.MayStore),
            14 => ([.. bytes, 0xFF, 0xFE, (byte)'\n'], UploadOutcome.MayStore),
            _ => (bytes, UploadOutcome.MustStore),
        };
    }

    private static byte[] Flip(byte[] bytes, (double At, byte Value)[] flips)
    {
        byte[] copy = [.. bytes];
        foreach (var (at, value) in flips)
            copy[(int)(at * (copy.Length - 1))] = value;
        return copy;
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(bytes);
        return buffer.ToArray();
    }

    private static GeneratedUpload Refused(string kind, byte[] bytes) =>
        new(kind, bytes, UploadOutcome.Refused, new Dictionary<string, float>(), IsZip: true);
}
