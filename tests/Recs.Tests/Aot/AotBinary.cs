using System.Diagnostics;
using Recs.Tests.Support;

namespace Recs.Tests.Aot;

/// <summary>
/// The published Native AOT binary: $RECS_AOT_BINARY when set (test.sh publishes it before the tests run),
/// otherwise published once here. Publishing fails the test on any trim or AOT warning.
/// </summary>
internal static class AotBinary
{
    private static readonly Lazy<string> Path_ = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Path => Path_.Value;

    private static string Publish()
    {
        if (Environment.GetEnvironmentVariable("RECS_AOT_BINARY") is { Length: > 0 } given)
        {
            Assert.True(File.Exists(given), $"RECS_AOT_BINARY points at {given}, which does not exist");
            return given;
        }
        string output = System.IO.Path.Combine(RepositoryPaths.Root, "artifacts", "aot-test");
        var psi = new ProcessStartInfo("dotnet", ["publish", "src/Recs.Aot", "-c", "Release", "-r", "linux-x64", "-o", output, "-nologo"])
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(8)), "dotnet publish took longer than 8 minutes");
        string log = stdout.Result + stderr.Result;
        Assert.True(process.ExitCode == 0, $"dotnet publish failed:\n{log}");
        var warnings = log.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"\bIL[23]\d{3}\b")).Distinct().ToList();
        Assert.True(warnings.Count == 0, $"AOT publish produced trim/AOT warnings:\n{string.Join('\n', warnings)}");
        return System.IO.Path.Combine(output, "recs");
    }
}
