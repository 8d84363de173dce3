using System.Diagnostics;
using Recs.Tests.Support;

namespace Recs.Tests.Browser;

/// <summary>
/// The node script that drives Chromium (driver/page-driver.mjs) and its one package, playwright-core, which
/// <c>npm ci</c> installs from the committed lock file the first time a page test runs on a machine.
/// </summary>
internal static class PageDriver
{
    private static readonly Lazy<Task> Installed = new(InstallAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Folder => Path.Combine(RepositoryPaths.Root, "tests", "Recs.Tests", "Browser", "driver");

    public static string Script => Path.Combine(Folder, "page-driver.mjs");

    public static Task EnsureInstalledAsync() => Installed.Value;

    private static async Task InstallAsync()
    {
        if (File.Exists(Path.Combine(Folder, "node_modules", "playwright-core", "package.json")))
            return;
        var psi = new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"])
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var npm = Process.Start(psi) ?? throw new InvalidOperationException("npm could not be started");
        var stdout = npm.StandardOutput.ReadToEndAsync();
        var stderr = npm.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await npm.WaitForExitAsync(limit.Token);
        Assert.True(npm.ExitCode == 0, $"npm ci in {Folder} failed with exit code {npm.ExitCode}:\n{await stdout}{await stderr}");
    }
}
