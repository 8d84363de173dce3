using Recs.Aot.Commands;

namespace Recs.Tests.Commands;

/// <summary>The `recs` command line, parsed in-process: help, strictness, and every invocation the scripts make.</summary>
public sealed class CommandLineTests
{
    /// <summary>Each command and the options its help must name (every option the README and the scripts use).</summary>
    public static TheoryData<string, string[]> Commands() => new()
    {
        { "serve", ["--urls", "--demo", "--Section:Key=value"] },
        { "import", ["movielens", "letterboxd-dataset", "letterboxd-export"] },
        { "import movielens", ["<dir>"] },
        { "import letterboxd-dataset", ["<dir>"] },
        { "import letterboxd-export", ["<username>", "<file>"] },
        { "train", ["--ratings", "--components", "--clusters", "--silhouette-sample", "--seed", "--geometry", "--json", "--dump", "--serving", "--retrain"] },
        { "eval", ["--ratings", "--holdout", "--seed", "--seeds", "--fold-in-users", "--tune", "--validate", "--train", "--test", "--k", "--json", "--weights", "--neighbours", "--components", "--ranking-rank", "--debias"] },
        { "generate", ["--users", "--films", "--ratings", "--seed", "--out", "--clusters", "--force"] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_exits_0_and_names_every_option(string command, string[] options)
    {
        var run = CommandRun.InProcess([.. command.Split(' '), "--help"]);

        Assert.True(run.ExitCode == 0, $"recs {command} --help exited {run.ExitCode}: {run.Stderr}");
        Assert.Empty(run.Stderr);
        foreach (string option in options)
            Assert.True(run.Stdout.Contains(option, StringComparison.Ordinal), $"recs {command} --help does not name {option}:\n{run.Stdout}");
    }

    [Fact]
    public void Help_of_recs_itself_lists_every_command()
    {
        var run = CommandRun.InProcess("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (string command in new[] { "serve", "import", "train", "eval", "generate" })
            Assert.Contains($"  {command} ", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eval", "--ratngs", "x")]
    [InlineData("train", "--ratings", "x", "--component", "8")]
    [InlineData("generate", "--users", "300", "--films", "200", "--ratings", "6000", "--seed", "1", "--out", "x", "--forse")]
    [InlineData("import", "movielens", ".", "--dry-run")]
    [InlineData("serve", "--urlz", "http://127.0.0.1:1")]
    [InlineData("--urlz", "http://127.0.0.1:1")]
    [InlineData("serve", "--Recs:RefreshMinutes")]
    public void A_misspelt_option_exits_2_and_is_named_on_stderr(params string[] args)
    {
        string misspelt = args.First(a => a is "--ratngs" or "--component" or "--forse" or "--dry-run" or "--urlz" or "--Recs:RefreshMinutes");
        var run = CommandRun.InProcess(args);

        Assert.True(run.ExitCode == 2, $"recs {string.Join(' ', args)} exited {run.ExitCode}, not 2:\n{run.Stderr}");
        Assert.Empty(run.Stdout);
        Assert.Contains($"'{misspelt}'", run.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("recs ", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eval", "--ratings", "x", "--k")]
    [InlineData("eval", "--ratings", "x", "--holdout", "1.5")]
    [InlineData("eval", "--ratings", "x", "--train", "y", "--test", "z")]
    [InlineData("eval", "--ratings", "x", "--tune", "--validate")]
    [InlineData("eval", "--ratings", "x", "--weights", "1,2")]
    [InlineData("eval", "--ratings", "x", "--seeds", "1,two")]
    [InlineData("eval", "--ratings", "x", "--seeds", "1,1")]
    [InlineData("eval", "--ratings", "x", "--seeds", "1,2", "--tune")]
    [InlineData("train", "--ratings", "x", "--seed", "forty-two")]
    [InlineData("train", "--json")]
    [InlineData("bogus")]
    public void A_missing_or_invalid_value_exits_2_before_any_file_is_read(params string[] args)
    {
        var run = CommandRun.InProcess(args);

        Assert.True(run.ExitCode == 2, $"recs {string.Join(' ', args)} exited {run.ExitCode}, not 2:\n{run.Stderr}");
        Assert.DoesNotContain("file not found", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--help", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("--urls", "http://127.0.0.1:1")]
    [InlineData("--demo", "--Recs:RefreshMinutes=0")]
    public void Without_a_command_recs_serves(params string[] args)
    {
        var parsed = RecsCommandLine.Parse(args);

        Assert.True(parsed.Errors.Count == 0, string.Join("; ", parsed.Errors.Select(e => e.Message)));
        Assert.Equal("serve", parsed.CommandResult.Command.Name);
    }

    /// <summary>The serve command lines of run.sh, bench/ and loadtests/: each must parse without an error.</summary>
    [Theory]
    [InlineData("serve", "--demo")]
    [InlineData("serve", "--urls", "http://127.0.0.1:18391", "--Recs:RefreshMinutes=0", "--Recs:SnapshotPath=/tmp/x/model.snapshot")]
    [InlineData("serve", "--urls", "http://127.0.0.1:1", "--demo", "--Recs:RateLimitPermitsPerSecond=10000000", "--Recs:RateLimitBurst=10000000", "--Logging:LogLevel:Default=Warning")]
    [InlineData("serve", "--urls", "http://127.0.0.1:1", "--Recs:ApiKey=k", "--Logging:LogLevel:Microsoft.AspNetCore=Warning", "--Recs:TrustedProxies=")]
    public void Every_documented_serve_line_parses(params string[] args)
    {
        var parsed = RecsCommandLine.Parse(args);

        Assert.True(parsed.Errors.Count == 0, string.Join("; ", parsed.Errors.Select(e => e.Message)));
        Assert.Equal("serve", parsed.CommandResult.Command.Name);
    }
}
