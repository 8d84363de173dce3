using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Recs.Tests.Commands;

namespace Recs.Tests.Aot;

/// <summary>The command line of the published binary: help for every command, strict refusal, and a help that starts nothing.</summary>
public sealed class CommandLineBinaryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("recs-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, string[]> Commands() => CommandLineTests.Commands();

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_of_every_command_exits_0_and_names_its_options(string command, string[] options)
    {
        var (exit, stdout, stderr) = await RunAsync([.. command.Split(' '), "--help"]);

        Assert.True(exit == 0, $"recs {command} --help exited {exit}: {stderr}");
        foreach (string option in options)
            Assert.True(stdout.Contains(option, StringComparison.Ordinal), $"recs {command} --help does not name {option}:\n{stdout}");
    }

    [Fact]
    public async Task A_misspelt_eval_option_exits_2_with_a_message_on_stderr()
    {
        var (exit, stdout, stderr) = await RunAsync("eval", "--ratngs", "x");

        Assert.True(exit == 2, $"recs eval --ratngs x exited {exit}, not 2; stderr: {stderr}");
        Assert.Empty(stdout);
        Assert.Contains("'--ratngs'", stderr, StringComparison.Ordinal);
        Assert.Contains("recs eval --help", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_with_both_seed_and_seeds_exits_2_naming_both()
    {
        var (exit, stdout, stderr) = await RunAsync("eval", "--ratings", "x", "--seed", "3", "--seeds", "1,2");

        Assert.True(exit == 2, $"recs eval --seed 3 --seeds 1,2 exited {exit}, not 2; stderr: {stderr}");
        Assert.Empty(stdout);
        Assert.Contains("--seed or --seeds", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("file not found", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_prints_the_commands_and_neither_serves_nor_creates_a_data_folder()
    {
        var (exit, stdout, stderr) = await RunAsync("--help");

        Assert.True(exit == 0, $"recs --help exited {exit}: {stderr}");
        Assert.Contains("generate", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("recs: ready", stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "data")), "recs --help created ./data");
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public async Task Options_without_a_command_start_serve()
    {
        int port = FreePort();
        using var process = Start("--urls", $"http://127.0.0.1:{port}", "--Recs:RefreshMinutes=0");
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("recs: ready", StringComparison.Ordinal) == true)
                ready.TrySetResult(e.Data);
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(30)));
            Assert.True(ready.Task.IsCompleted, "recs --urls … printed no readiness line within 30 s");
            Assert.Contains($"http://127.0.0.1:{port}", await ready.Task, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"recs {string.Join(' ', args)} was still running after 30 s (did it start serving?)");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    // In an empty folder with no store configured: whatever the binary creates shows up there.
    private Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo(AotBinary.Path, args)
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in new[] { "PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD", "DATABASE_URL", "PORT", "RECS_SQLITE_PATH" })
            psi.Environment.Remove(name);
        return Process.Start(psi)!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
