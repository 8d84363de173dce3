namespace Recs.Tests.Commands;

public sealed class ImportCommandTests
{
    [Theory]
    [InlineData]
    [InlineData("bogus", "x")]
    [InlineData("movielens")]
    [InlineData("letterboxd-export", "only-a-file.csv")]
    [InlineData("letterboxd-export", "not a name", "ratings.csv")]
    [InlineData("movielens", "/no/such/directory")]
    public void Bad_arguments_exit_with_2_before_any_store_is_opened(params string[] args)
    {
        var run = CommandRun.InProcess(["import", .. args]);
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode} for import {string.Join(' ', args)}: {run.Stderr}");
        Assert.StartsWith("recs import", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("store", run.Stderr, StringComparison.Ordinal);
    }
}
