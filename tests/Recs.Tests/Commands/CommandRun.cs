using Recs.Aot.Commands;

namespace Recs.Tests.Commands;

/// <summary>One `recs …` command line run in-process through the real parser: exit code, standard output and standard error.</summary>
internal sealed record CommandRun(int ExitCode, string Stdout, string Stderr)
{
    public static CommandRun InProcess(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        // Off the test's synchronisation context, so waiting here cannot block the command's own continuations.
        int code = Task.Run(() => RecsCommandLine.RunAsync(args, stdout, stderr)).GetAwaiter().GetResult();
        return new CommandRun(code, stdout.ToString(), stderr.ToString());
    }
}
