using System.Globalization;
using System.IO.Compression;

namespace Recs.Engine.Evaluation;

/// <summary>
/// Reads a ratings CSV for evaluation: MovieLens (userId,movieId,rating[,timestamp], stars) or the Letterboxd data set
/// (user_id,movie_id,rating_val, half stars 1–10), plain or .gz, LF or CRLF. Other layouts are rejected.
/// </summary>
public static class RatingsFile
{
    /// <summary>Every rating in the file; throws <see cref="InvalidDataException"/> on an unknown header or a bad row.</summary>
    public static List<RatingTriple> Read(string path)
    {
        using var file = File.OpenRead(path);
        using Stream input = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(input);
        string header = (reader.ReadLine() ?? "").Trim().ToLowerInvariant();
        float divisor = header.StartsWith("userid,movieid,rating", StringComparison.Ordinal) ? 1f
            : header.StartsWith("user_id,movie_id,rating_val", StringComparison.Ordinal) ? 2f
            : throw new InvalidDataException($"{path}: unknown ratings header '{header}'");
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        var films = new Dictionary<string, string>(StringComparer.Ordinal);
        var ratings = new List<RatingTriple>();
        int line = 1;
        while (reader.ReadLine() is { } row)
        {
            line++;
            var text = row.AsSpan().TrimEnd();
            if (text.IsEmpty)
                continue;
            int first = text.IndexOf(',');
            int second = first < 0 ? -1 : text[(first + 1)..].IndexOf(',') + first + 1;
            if (first < 0 || second <= first)
                throw new InvalidDataException($"{path}:{line}: expected three comma-separated fields");
            var rest = text[(second + 1)..];
            int third = rest.IndexOf(',');
            if (third >= 0)
                rest = rest[..third];
            if (!float.TryParse(rest, NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
                throw new InvalidDataException($"{path}:{line}: bad rating '{rest}'");
            ratings.Add(new RatingTriple(Intern(users, text[..first]), Intern(films, text[(first + 1)..second]), value / divisor));
        }
        return ratings;
    }

    // Shares one string per distinct key: a million ratings name far fewer users and films.
    private static string Intern(Dictionary<string, string> pool, ReadOnlySpan<char> key)
    {
        var lookup = pool.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(key, out var existing))
            return existing;
        string s = key.ToString();
        pool[s] = s;
        return s;
    }
}
