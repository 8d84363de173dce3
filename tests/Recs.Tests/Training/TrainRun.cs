using System.Diagnostics;
using System.Text.Json;
using Recs.Tests.Commands;

namespace Recs.Tests.Training;

/// <summary>One `recs train` invocation: exit code, standard output and standard error, run in-process or as the published binary.</summary>
internal sealed record TrainRun(int ExitCode, string Stdout, string Stderr)
{
    public static TrainRun InProcess(params string[] args)
    {
        var run = CommandRun.InProcess(["train", .. args]);
        return new TrainRun(run.ExitCode, run.Stdout, run.Stderr);
    }

    /// <summary>Runs `recs train` through the published AOT binary at $RECS_AOT_BINARY.</summary>
    public static TrainRun Binary(string binary, params string[] args)
    {
        var psi = new ProcessStartInfo(binary, ["train", .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "recs train took longer than 2 minutes");
        return new TrainRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    public JsonElement Json()
    {
        Assert.True(ExitCode == 0, $"exit {ExitCode}: {Stderr}");
        return JsonDocument.Parse(Stdout).RootElement;
    }
}
