namespace Recs.Tests.Commands;

/// <summary>
/// `recs eval` refuses an option the chosen mode would ignore, as it refuses an unknown one: exit code 2, both options
/// named on standard error, before any file is read (the paths here do not exist).
/// </summary>
public sealed class EvalOptionConflictTests
{
    [Theory]
    [InlineData("--seed", "--seeds", "eval", "--ratings", "x", "--seed", "3", "--seeds", "1,2")]
    [InlineData("--holdout", "--train", "eval", "--train", "y", "--test", "z", "--holdout", "0.3")]
    [InlineData("--fold-in-users", "--train", "eval", "--train", "y", "--test", "z", "--fold-in-users", "0.1")]
    [InlineData("--weights", "--tune", "eval", "--ratings", "x", "--tune", "--weights", "1,0.1,0.1")]
    [InlineData("--fold-in-users", "--tune", "eval", "--ratings", "x", "--tune", "--fold-in-users", "0.1")]
    public void An_option_the_mode_ignores_exits_2_naming_both_options(string ignored, string mode, params string[] args)
    {
        var run = CommandRun.InProcess(args);

        Assert.True(run.ExitCode == 2, $"recs {string.Join(' ', args)} exited {run.ExitCode}, not 2:\n{run.Stderr}");
        Assert.Empty(run.Stdout);
        Assert.DoesNotContain("file not found", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(ignored, run.Stderr, StringComparison.Ordinal);
        Assert.Contains(mode, run.Stderr, StringComparison.Ordinal);
        Assert.Contains("recs eval --help", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eval", "--ratings", "x", "--seeds", "1,2", "--holdout", "0.3", "--fold-in-users", "0.1", "--weights", "1,0.1,0.1")]
    [InlineData("eval", "--train", "y", "--test", "z", "--seed", "4", "--weights", "1,0.1,0.1")]
    [InlineData("eval", "--ratings", "x", "--tune", "--seed", "4", "--holdout", "0.3", "--neighbours", "0.2")]
    public void Options_the_mode_reads_pass_to_the_data_and_fail_only_on_the_missing_file(params string[] args)
    {
        var run = CommandRun.InProcess(args);

        Assert.True(run.ExitCode == 2, $"recs {string.Join(' ', args)} exited {run.ExitCode} without its files");
        Assert.True(run.Stderr.Contains("file not found", StringComparison.Ordinal), $"recs {string.Join(' ', args)} stopped before reading its files:\n{run.Stderr}");
    }
}
