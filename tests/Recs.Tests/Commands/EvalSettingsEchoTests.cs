using System.Globalization;
using System.Text;
using System.Text.Json;
using Recs.Tests.Engine.Evaluation;

namespace Recs.Tests.Commands;

/// <summary>`recs eval --json` echoes the settings each mode used: tune and validate, the holdout only where one splits, and the validation share.</summary>
public sealed class EvalSettingsEchoTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("recs-eval-echo-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    // Every fifth rating goes to the test file, so every test user also has training ratings.
    private string RatingsFile(string name, Func<int, bool> keep)
    {
        string path = Path.Combine(_scratch, name);
        var csv = new StringBuilder("userId,movieId,rating,timestamp\n");
        var triples = BaselineMatrices.Triples(80, 50, 0.4, seed: 7);
        for (int i = 0; i < triples.Count; i++)
        {
            if (keep(i))
                csv.Append(CultureInfo.InvariantCulture, $"{triples[i].User[1..]},{triples[i].Film[1..]},{triples[i].Stars},0\n");
        }
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    private static JsonElement Settings(JsonDocument report) => report.RootElement.GetProperty("settings");

    [Fact]
    public void Train_and_test_files_echo_no_holdout_and_the_validation_share_actually_used()
    {
        string train = RatingsFile("train.csv", i => i % 5 != 0), test = RatingsFile("test.csv", i => i % 5 == 0);

        var run = CommandRun.InProcess("eval", "--train", train, "--test", test, "--seed", "4", "--json");

        Assert.True(run.ExitCode == 0, $"recs eval --train --test exited {run.ExitCode}: {run.Stderr}");
        using var report = JsonDocument.Parse(run.Stdout);
        var settings = Settings(report);
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("holdout").ValueKind);
        Assert.Equal(0.2, settings.GetProperty("validation_holdout").GetDouble());
        Assert.False(settings.GetProperty("tune").GetBoolean());
        Assert.False(settings.GetProperty("validate").GetBoolean());
        Assert.Equal([4], settings.GetProperty("seeds").EnumerateArray().Select(s => s.GetInt32()));
        Assert.Equal(0, settings.GetProperty("fold_in_users").GetDouble());
    }

    [Fact]
    public void Validate_echoes_validate_and_its_holdout_as_the_validation_share()
    {
        var run = CommandRun.InProcess("eval", "--ratings", RatingsFile("ratings.csv", _ => true), "--validate", "--holdout", "0.3", "--seed", "2", "--json");

        Assert.True(run.ExitCode == 0, $"recs eval --validate exited {run.ExitCode}: {run.Stderr}");
        using var report = JsonDocument.Parse(run.Stdout);
        var settings = Settings(report);
        Assert.True(settings.GetProperty("validate").GetBoolean(), "settings do not echo --validate");
        Assert.False(settings.GetProperty("tune").GetBoolean());
        Assert.Equal(0.3, settings.GetProperty("holdout").GetDouble());
        Assert.Equal(0.3, settings.GetProperty("validation_holdout").GetDouble());
        Assert.Equal([2], settings.GetProperty("seeds").EnumerateArray().Select(s => s.GetInt32()));
    }

    [Fact]
    public void Tune_prints_json_with_its_settings_every_grid_point_and_the_best_of_them()
    {
        var run = CommandRun.InProcess("eval", "--ratings", RatingsFile("ratings.csv", _ => true), "--tune", "--neighbours", "0.2", "--k", "5", "--json");

        Assert.True(run.ExitCode == 0, $"recs eval --tune exited {run.ExitCode}: {run.Stderr}");
        using var report = JsonDocument.Parse(run.Stdout);
        var settings = Settings(report);
        Assert.True(settings.GetProperty("tune").GetBoolean(), "settings do not echo --tune");
        Assert.Equal(5, settings.GetProperty("k").GetInt32());
        var grid = report.RootElement.GetProperty("grid").EnumerateArray().ToList();
        var points = grid.Select(g => (g.GetProperty("cluster").GetDouble(), g.GetProperty("popularity").GetDouble())).ToList();
        Assert.True(points.Count > 1 && points.Distinct().Count() == points.Count, $"the grid should hold distinct weight pairs: {string.Join(" ", points)}");
        Assert.All(grid, g => Assert.Equal(0.2, g.GetProperty("neighbours").GetDouble(), 6));
        var best = report.RootElement.GetProperty("best");
        Assert.Equal(grid.Max(g => g.GetProperty("ndcg").GetDouble()), best.GetProperty("ndcg").GetDouble());
        Assert.Contains((best.GetProperty("cluster").GetDouble(), best.GetProperty("popularity").GetDouble()), points);
    }
}
