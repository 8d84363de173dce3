using System.Collections.Concurrent;
using Recs.Engine.Training;
using Recs.Math;

namespace Recs.Bench.Data;

/// <summary>
/// The data sets the benchmarks run on: the synthetic 1M-rating matrix (always there) and the real sets under
/// $RECS_DATA_DIR or ../shared/data beside the repository, offered only when their files exist.
/// </summary>
public static class BenchData
{
    public const string MovieLens = "ml-latest-small";
    public const string Letterboxd = "letterboxd-1m";
    public const string Synthetic = "synthetic-1m";

    private static readonly ConcurrentDictionary<string, RatingTriples> Triples = new();
    private static readonly ConcurrentDictionary<string, CsrMatrix> Matrices = new();

    /// <summary>Names of the data sets present on this machine among <paramref name="wanted"/>, so absent real data is skipped rather than failed.</summary>
    public static IEnumerable<string> Available(params string[] wanted) =>
        wanted.Where(name => name == Synthetic || File.Exists(FilePath(name)));

    /// <summary>The ratings file behind a real data set.</summary>
    public static string FilePath(string name) => name switch
    {
        MovieLens => Path.Combine(DataDir, "movielens-ml-latest-small", "ratings.csv"),
        Letterboxd => Path.Combine(DataDir, "letterboxd-sdl60660-1m", "ratings.csv.gz"),
        _ => throw new ArgumentException($"{name} is not a file-backed data set", nameof(name)),
    };

    /// <summary>A member's Letterboxd export under letterboxd-exports.</summary>
    public static string ExportPath(string file) => Path.Combine(DataDir, "letterboxd-exports", file);

    public static RatingTriples Ratings(string name) => Triples.GetOrAdd(name, static n =>
        n == Synthetic ? SyntheticRatings.Generate() : RatingsFileReader.Read(FilePath(n)));

    /// <summary>The per-user centred matrix the pipeline factorises.</summary>
    public static CsrMatrix Matrix(string name) => Matrices.GetOrAdd(name, static n => TrainingMatrix.Build(Ratings(n)));

    private static string DataDir =>
        Environment.GetEnvironmentVariable("RECS_DATA_DIR") is { Length: > 0 } dir ? dir : Path.Combine(RepositoryRoot(), "..", "shared", "data");

    private static string RepositoryRoot()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Recs.sln")))
                    return dir.FullName;
            }
        }
        return Environment.CurrentDirectory;
    }
}
