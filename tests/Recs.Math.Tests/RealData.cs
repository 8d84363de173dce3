using System.Globalization;
using System.IO.Compression;

namespace Recs.Math.Tests;

/// <summary>Loads the shared rating data sets into sparse matrices, indexing users and films by first appearance.</summary>
public static class RealData
{
    public const string MovieLensRatings = "movielens-ml-latest-small/ratings.csv";
    public const string LetterboxdRatings = "letterboxd-sdl60660-1m/ratings.csv.gz";

    public static string? DataRoot()
    {
        string? overridden = Environment.GetEnvironmentVariable("RECS_DATA_DIR");
        if (!string.IsNullOrWhiteSpace(overridden))
            return overridden;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Recs.sln")))
            dir = dir.Parent;
        return dir is null ? null : Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
    }

    public static string DescribeSearchRoot() => DataRoot() ?? "(no folder holding Recs.sln above the test binaries)";

    public static string? Locate(string relativePath)
    {
        string? root = DataRoot();
        if (root is null)
            return null;
        string path = Path.Combine(root, relativePath);
        return File.Exists(path) ? path : null;
    }

    public static CsrMatrix LoadMovieLens(bool centre) => Load(MovieLensRatings, gzip: false, ratingScale: 1f, centre);

    public static CsrMatrix LoadLetterboxd(bool centre) => Load(LetterboxdRatings, gzip: true, ratingScale: 1f, centre);

    private static CsrMatrix Load(string relativePath, bool gzip, float ratingScale, bool centre)
    {
        string path = Locate(relativePath) ?? throw new FileNotFoundException(relativePath);
        using Stream file = File.OpenRead(path);
        using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        var users = new Dictionary<string, int>();
        var films = new Dictionary<string, int>();
        var rows = new List<int>();
        var cols = new List<int>();
        var values = new List<float>();
        reader.ReadLine(); // header
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            // ReadLine strips both LF and CRLF endings.
            if (line.Length == 0)
                continue;
            var parts = line.Split(',');
            int user = Index(users, parts[0]);
            int film = Index(films, parts[1]);
            rows.Add(user);
            cols.Add(film);
            values.Add(float.Parse(parts[2], CultureInfo.InvariantCulture) * ratingScale);
        }
        return CsrMatrix.FromTriples(rows.ToArray(), cols.ToArray(), values.ToArray(), users.Count, films.Count, centre);
    }

    private static int Index(Dictionary<string, int> map, string key)
    {
        if (!map.TryGetValue(key, out int index))
        {
            index = map.Count;
            map[key] = index;
        }
        return index;
    }
}
