using System.Diagnostics;
using System.Text.Json;
using Recs.Aot.Commands;

namespace Recs.Tests.Training;

/// <summary>One `recs train` invocation: exit code, standard output and standard error, run in-process or as the published binary.</summary>
internal sealed record TrainRun(int ExitCode, string Stdout, string Stderr)
{
    public static TrainRun InProcess(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = TrainCommand.Run(args, stdout, stderr);
        return new TrainRun(code, stdout.ToString(), stderr.ToString());
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
