using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Recs.Engine.Training;

namespace Recs.Aot.Commands;

/// <summary>
/// The `recs` command line: one strict parser for every command. Exit codes: 0 success (and --help), 1 failure,
/// 2 usage error (an unknown option, a missing or invalid value, input files that cannot be read).
/// </summary>
internal static class RecsCommandLine
{
    /// <summary>The command that runs when the first argument names none (no arguments at all, or only serve's options).</summary>
    public const string DefaultCommand = "serve";

    private static readonly string[] RootOptions = ["--help", "-h", "-?", "/h", "/?", "--version"];

    /// <summary>Runs the command <paramref name="args"/> name on the console.</summary>
    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>Runs the command with its output and errors (usage errors included) written to the given writers.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = Parse(args);
        string name = CommandPath(parsed);
        if (parsed.Action is ParseErrorAction)
        {
            foreach (var error in parsed.Errors)
                stderr.WriteLine($"{name}: {error.Message}");
            stderr.WriteLine($"{name}: see '{name} --help'");
            return 2;
        }
        var invocation = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            // Failures are reported below or crash with their stack trace; serve stops on SIGTERM through its host,
            // which must not be cut short by the parser's own termination handling.
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parsed.InvokeAsync(invocation);
        }
        catch (Exception e) when (e is UsageException or RatingsFileException)
        {
            // A ratings file that cannot be read is bad input, reported like a usage error rather than a crash.
            stderr.WriteLine($"{name}: {e.Message}");
            if (e is UsageException)
                stderr.WriteLine($"{name}: see '{name} --help'");
            return 2;
        }
    }

    /// <summary>
    /// Parses <paramref name="args"/> as `recs` does, without running anything: with no command named, serve; no
    /// @response files (an argument starting with @ is taken as it is).
    /// </summary>
    public static ParseResult Parse(string[] args) =>
        Create().Parse(WithDefaultCommand(args), new ParserConfiguration { ResponseFileTokenReplacer = null });

    /// <summary>The root command with every command under it; built anew for each parse.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("""
            Movie recommendations over the ratings in a store: PostgreSQL when PGHOST/PGDATABASE/... or DATABASE_URL is
            set, else SQLite in ./data/recs.db (RECS_SQLITE_PATH). Without a command, recs runs serve.
            """)
        {
            ServeCommand.Create(),
            ImportCommand.Create(),
            TrainCommand.Create(),
            EvalCommand.Create(),
            GenerateCommand.Create(),
        };
        // No [suggest] or [diagram] directives: every argument is a command, an option or a value.
        root.Directives.Clear();
        return root;
    }

    // `recs` and `recs --urls …` keep meaning `recs serve …` (the run script and older deployments rely on it);
    // the root's own options (help, version) stay the root's.
    private static string[] WithDefaultCommand(string[] args) =>
        args.Length == 0 || (args[0].StartsWith('-') && !RootOptions.Contains(args[0])) ? [DefaultCommand, .. args] : args;

    private static string CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result.Parent is CommandResult parent; result = parent)
            names.Insert(0, result.Command.Name);
        return string.Join(' ', ["recs", .. names]);
    }
}
