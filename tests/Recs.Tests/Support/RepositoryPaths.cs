namespace Recs.Tests.Support;

/// <summary>Finds the repository root (the folder holding Recs.sln) and the shared real-data folder beside it.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The real data sets: $RECS_DATA_DIR, else ../shared/data next to the repository.</summary>
    public static string DataDir =>
        Environment.GetEnvironmentVariable("RECS_DATA_DIR") is { Length: > 0 } dir ? dir : Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    public static string Data(string relative) => Path.Combine(DataDir, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Recs.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no Recs.sln above {AppContext.BaseDirectory}");
    }
}
