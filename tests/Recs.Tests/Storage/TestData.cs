namespace Recs.Tests.Storage;

/// <summary>Finds the shared data sets: RECS_DATA_DIR, else shared/data beside the repository (the folder holding Recs.sln).</summary>
internal static class TestData
{
    public static readonly string? Root = Locate();

    public static string SkipReason =>
        "shared data sets not found (set RECS_DATA_DIR or place them in <repo>/../shared/data); real-file import tests skipped";

    public static string MovieLens => Path.Combine(Root!, "movielens-ml-latest-small");
    public static string LetterboxdDataset => Path.Combine(Root!, "letterboxd-sdl60660-1m");
    public static string ExportA => Path.Combine(Root!, "letterboxd-exports", "export-a-ratings.csv");
    public static string ExportB => Path.Combine(Root!, "letterboxd-exports", "export-b-ratings.csv");

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable("RECS_DATA_DIR") is { Length: > 0 } dir)
        {
            return Directory.Exists(dir) ? dir : null;
        }
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Recs.sln")))
            {
                string shared = Path.GetFullPath(Path.Combine(folder.FullName, "..", "shared", "data"));
                return Directory.Exists(shared) ? shared : null;
            }
        }
        return null;
    }
}
