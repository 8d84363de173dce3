using System.Globalization;
using System.Text;
using System.Text.Json;
using Recs.Tests.Engine.Evaluation;

namespace Recs.Tests.Commands;

public sealed class EvalCommandTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("recs-eval-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private string SmallRatingsFile()
    {
        string path = Path.Combine(_scratch, "ratings.csv");
        var csv = new StringBuilder("userId,movieId,rating,timestamp\n");
        foreach (var r in BaselineMatrices.Triples(80, 50, 0.4, seed: 7))
            csv.Append(CultureInfo.InvariantCulture, $"{r.User[1..]},{r.Film[1..]},{r.Stars},0\n");
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    [Fact]
    public void One_seed_without_seeds_reports_that_seed()
    {
        var run = CommandRun.InProcess("eval", "--ratings", SmallRatingsFile(), "--seed", "5", "--json");

        Assert.True(run.ExitCode == 0, $"recs eval --seed 5 exited {run.ExitCode}: {run.Stderr}");
        using var report = JsonDocument.Parse(run.Stdout);
        var seeds = report.RootElement.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("seed").GetInt32()).ToList();
        Assert.Equal([5], seeds);
    }

    [Fact]
    public void Json_report_has_an_ease_row_and_echoes_its_grid_and_chosen_lambda()
    {
        string path = SmallRatingsFile();

        var run = CommandRun.InProcess("eval", "--ratings", path, "--seeds", "1,2", "--fold-in-users", "0.1", "--json");

        Assert.True(run.ExitCode == 0, $"recs eval exited {run.ExitCode}: {run.Stderr}");
        using var report = JsonDocument.Parse(run.Stdout);
        var root = report.RootElement;
        var grid = root.GetProperty("settings").GetProperty("ease_lambda_grid").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.True(grid.Count > 1, $"settings echo the EASE grid {string.Join(",", grid)}");
        Assert.True(root.GetProperty("settings").GetProperty("ease_film_cap").GetInt32() > 0, "settings echo the EASE film cap");
        foreach (var seedRun in root.GetProperty("runs").EnumerateArray())
        {
            double lambda = seedRun.GetProperty("ease_lambda").GetDouble();
            Assert.True(grid.Contains(lambda), $"seed {seedRun.GetProperty("seed")}: chosen λ {lambda} is not in the grid");
            Assert.Contains(seedRun.GetProperty("trained").EnumerateArray(), m => m.GetProperty("ranker").GetString() == "EASE");
        }
        foreach (string group in new[] { "trained", "folded_in" })
        {
            var ease = root.GetProperty(group).EnumerateArray().SingleOrDefault(m => m.GetProperty("ranker").GetString() == "EASE");
            Assert.True(ease.ValueKind == JsonValueKind.Object, $"no EASE row among {group} users:\n{run.Stdout}");
            Assert.True(ease.GetProperty("seeds").GetInt32() == 2, $"EASE {group} row averages {ease.GetProperty("seeds")} seeds, not 2");
        }
    }

    [Fact]
    public void Table_report_gives_the_shipped_to_best_baseline_ratio_for_each_kind_of_user_and_seed()
    {
        var run = CommandRun.InProcess("eval", "--ratings", SmallRatingsFile(), "--seeds", "1,2", "--fold-in-users", "0.1");

        Assert.True(run.ExitCode == 0, $"recs eval exited {run.ExitCode}: {run.Stderr}");
        var ratios = run.Stdout.Split('\n').Where(l => l.StartsWith("shipped / best baseline (", StringComparison.Ordinal)).ToList();
        Assert.True(ratios.Count == 2, $"expected one ratio line for trained and one for folded-in users:\n{run.Stdout}");
        // Two seeds: two per-seed ratios, each naming that seed's best baseline.
        Assert.All(ratios, line => Assert.Equal(2, line.Split("per seed")[1].Split(',').Length));
        Assert.DoesNotContain(ratios, line => line.Contains("(blend (shipped))", StringComparison.Ordinal) || line.Contains("(ranking SVD alone", StringComparison.Ordinal));
    }
}
