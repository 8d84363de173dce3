using System.Globalization;
using System.Text.Json;

namespace Recs.Tests.Commands;

/// <summary>`recs eval-obscurity`: strict options, and a run on a generated set whose JSON echoes the settings.</summary>
public sealed class ObscurityEvalCommandTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("recs-eval-obscurity-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void Help_names_every_option()
    {
        var run = CommandRun.InProcess("eval-obscurity", "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (string option in new[] { "--ratings", "--holdout", "--seeds", "--obscurity", "--users", "--k", "--json" })
            Assert.True(run.Stdout.Contains(option, StringComparison.Ordinal), $"help does not name {option}:\n{run.Stdout}");
    }

    [Theory]
    [InlineData("--obscurity", "0,1.5")]
    [InlineData("--obscurity", "0,,1")]
    [InlineData("--obscurity", "0.5,0.5")]
    [InlineData("--obscurity", "half")]
    [InlineData("--seeds", "1,x")]
    [InlineData("--users", "0")]
    [InlineData("--pools", "0")]
    [InlineData("--mixes", "1.5")]
    [InlineData("--target-ratio", "-1")]
    [InlineData("--obscurity-levels", "0,1")]
    public void A_bad_option_exits_2_before_any_file_is_read(string option, string value)
    {
        var run = CommandRun.InProcess("eval-obscurity", "--ratings", "no-such-file.csv", option, value);

        Assert.True(run.ExitCode == 2, $"{option} {value} exited {run.ExitCode}, not 2:\n{run.Stderr}");
        Assert.DoesNotContain("no-such-file", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(option, run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--groups", "1,2")]
    [InlineData("--groups", "2,9")]
    [InlineData("--groups", "2,2")]
    [InlineData("--groups", "two")]
    [InlineData("--count", "0")]
    [InlineData("--group", "2")]
    public void A_bad_eval_groups_option_exits_2_before_any_file_is_read(string option, string value)
    {
        var run = CommandRun.InProcess("eval-groups", "--ratings", "no-such-file.csv", option, value);

        Assert.True(run.ExitCode == 2, $"{option} {value} exited {run.ExitCode}, not 2:\n{run.Stderr}");
        Assert.DoesNotContain("no-such-file", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(option, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_eval_groups_run_echoes_its_settings_and_reports_each_size()
    {
        string dir = Path.Combine(_scratch, "groups");
        var generated = CommandRun.InProcess("generate", "--users", "300", "--films", "200", "--ratings", "9000", "--seed", "4", "--out", dir);
        Assert.True(generated.ExitCode == 0, generated.Stderr);

        var run = CommandRun.InProcess("eval-groups", "--ratings", Path.Combine(dir, "ratings.csv.gz"), "--groups", "2,4", "--count", "12", "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var settings = doc.RootElement.GetProperty("settings");
        Assert.Equal([2, 4], settings.GetProperty("sizes").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(12, settings.GetProperty("groups_per_size").GetInt32());
        Assert.Equal([1], settings.GetProperty("seeds").EnumerateArray().Select(e => e.GetInt32()));
        var means = doc.RootElement.GetProperty("means").EnumerateArray().ToList();
        Assert.Equal([2, 4], means.Select(m => m.GetProperty("size").GetInt32()));
        Assert.All(means, m => Assert.InRange(m.GetProperty("group_ndcg").GetDouble(), 0, 1));
    }

    [Fact]
    public void A_run_echoes_its_settings_and_reports_every_group_at_every_setting()
    {
        string dir = Path.Combine(_scratch, "set");
        var generated = CommandRun.InProcess("generate", "--users", "300", "--films", "200", "--ratings", "9000", "--seed", "4", "--out", dir);
        Assert.True(generated.ExitCode == 0, generated.Stderr);

        var run = CommandRun.InProcess("eval-obscurity", "--ratings", Path.Combine(dir, "ratings.csv.gz"), "--obscurity", "0,0.5,1",
            "--seeds", "2", "--users", "15", "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var settings = doc.RootElement.GetProperty("settings");
        Assert.Equal([0, 0.5, 1], settings.GetProperty("obscurity").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([2], settings.GetProperty("seeds").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(15, settings.GetProperty("users_per_group").GetInt32());
        Assert.Equal(10, settings.GetProperty("k").GetInt32());
        var groups = doc.RootElement.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["light", "medium", "heavy"], groups.Select(g => g.GetProperty("group").GetString()));
        foreach (var group in groups)
        {
            var points = group.GetProperty("points").EnumerateArray().ToList();
            Assert.Equal(4, points.Count);
            Assert.Equal(JsonValueKind.Null, points[3].GetProperty("obscurity").ValueKind);
            // 0.5 is the model's own ranking: the same figures as the option left out.
            Assert.Equal(points[3].GetProperty("ndcg").GetDouble(), points[1].GetProperty("ndcg").GetDouble());
            Assert.Equal(points[3].GetProperty("median_popularity").GetDouble(), points[1].GetProperty("median_popularity").GetDouble());
            Assert.True(points[2].GetProperty("median_popularity").GetDouble() < points[0].GetProperty("median_popularity").GetDouble(),
                string.Create(CultureInfo.InvariantCulture, $"{group.GetProperty("group")}: obscurity 1 is not less popular than 0"));
        }
    }

    [Fact]
    public void A_validation_run_tries_every_shape_without_the_test_ratings_and_names_its_choice()
    {
        string dir = Path.Combine(_scratch, "shapes");
        var generated = CommandRun.InProcess("generate", "--users", "300", "--films", "200", "--ratings", "9000", "--seed", "4", "--out", dir);
        Assert.True(generated.ExitCode == 0, generated.Stderr);

        var run = CommandRun.InProcess("eval-obscurity", "--ratings", Path.Combine(dir, "ratings.csv.gz"), "--validation",
            "--pools", "50,200", "--mixes", "0.3,0.5", "--seeds", "2", "--users", "15", "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.True(doc.RootElement.GetProperty("settings").GetProperty("validation").GetBoolean());
        var groups = doc.RootElement.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(12, groups.Count);
        Assert.Equal(["50/0.3", "50/0.5", "200/0.3", "200/0.5"],
            groups.Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.GetProperty("pool").GetInt32()}/{g.GetProperty("max_mix").GetDouble()}")).Distinct());
        Assert.Contains(doc.RootElement.GetProperty("chosen_pool").GetInt32(), new[] { 50, 200 });
        Assert.Contains(doc.RootElement.GetProperty("chosen_max_mix").GetDouble(), new[] { 0.3, 0.5 });
    }
}
