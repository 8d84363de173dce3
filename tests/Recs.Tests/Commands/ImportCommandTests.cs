using Recs.Aot.Commands;

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
    public async Task Bad_arguments_are_usage_errors(params string[] args) =>
        await Assert.ThrowsAsync<UsageException>(() => ImportCommand.RunAsync(args));

    [Fact]
    public async Task Usage_errors_exit_with_2()
    {
        Assert.Equal(2, await CommandLine.RunAsync(["import", "nonsense"]));
    }
}
