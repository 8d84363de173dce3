using System.Globalization;
using System.Text.RegularExpressions;

namespace Recs.Tests.Commands;

/// <summary>`recs train --serving --groups` on a generated set: the group silhouette summary agrees with the group sizes it prints.</summary>
public sealed partial class ServingTrainCommandTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("recs-serving-train-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [GeneratedRegex(@"^taste groups: (?<groups>\d+), members smallest \d+, median [\d.]+, largest (?<largest>\d+)$", RegexOptions.Multiline)]
    private static partial Regex SizesLine();

    [GeneratedRegex(@"^group silhouettes \((?<scored>\d+) of (?<groups>\d+) groups\): lowest (?<lowest>-?[\d.]+) \(group [\d.]+, \d+ members\), " +
        @"median (?<median>-?[\d.]+), highest (?<highest>-?[\d.]+) \(group [\d.]+, \d+ members\); " +
        @"largest group [\d.]+: (?<largest>\d+) members, silhouette (?<own>-?[\d.]+|NaN)$", RegexOptions.Multiline)]
    private static partial Regex SilhouetteLine();

    [Fact]
    public void The_group_silhouette_line_orders_its_range_and_names_the_largest_group_the_sizes_line_reports()
    {
        var run = TrainServingOnGeneratedSet("set", seed: 4, "--groups");

        var sizes = SizesLine().Match(run.Stdout);
        var silhouettes = SilhouetteLine().Match(run.Stdout);
        Assert.True(sizes.Success && silhouettes.Success, $"the sizes or the silhouette line is missing:\n{run.Stdout}");
        Assert.Equal(sizes.Groups["groups"].Value, silhouettes.Groups["groups"].Value);
        Assert.Equal(sizes.Groups["largest"].Value, silhouettes.Groups["largest"].Value);
        Assert.True(int.Parse(silhouettes.Groups["scored"].Value, CultureInfo.InvariantCulture) > 1, $"too few groups scored:\n{run.Stdout}");
        double lowest = Number(silhouettes, "lowest"), median = Number(silhouettes, "median"), highest = Number(silhouettes, "highest");
        Assert.True(-1 <= lowest && lowest <= median && median <= highest && highest <= 1, $"range out of order:\n{run.Stdout}");
        Assert.True(lowest < highest, $"every group scored the same, as a per-cluster figure would:\n{run.Stdout}");
    }

    [GeneratedRegex(@"^managed MB allocated: ranking (?<ranking>[\d.]+)  taste (?<taste>[\d.]+)  groups (?<groups>[\d.]+)  " +
        @"neighbours (?<neighbours>[\d.]+)  regression (?<regression>[\d.]+)  statistics (?<statistics>[\d.]+); the model's arrays (?<model>[\d.]+)$",
        RegexOptions.Multiline)]
    private static partial Regex AllocatedLine();

    [Fact]
    public void The_managed_allocation_of_the_stages_covers_the_models_arrays()
    {
        var run = TrainServingOnGeneratedSet("allocated", seed: 5);

        var line = AllocatedLine().Match(run.Stdout);
        Assert.True(line.Success, $"no allocation line naming every stage:\n{run.Stdout}");
        // Every array of the model is allocated during some stage, so the stages together cannot have allocated less
        // (other work in the process can only add to them).
        double stages = new[] { "ranking", "taste", "groups", "neighbours", "regression", "statistics" }.Sum(s => Number(line, s));
        double model = Number(line, "model");
        Assert.True(model > 0 && stages >= model - 0.05, $"the stages allocated {stages} MB, less than the model's {model} MB:\n{run.Stdout}");
    }

    [GeneratedRegex(@"^(?<lead>seconds: load [\d.]+|retrain seconds:)  ranking (?<ranking>[\d.]+)  taste [\d.]+  groups [\d.]+  neighbours [\d.]+  regression [\d.]+  statistics [\d.]+  training (?<training>[\d.]+)$",
        RegexOptions.Multiline)]
    private static partial Regex SecondsLine();

    [Fact]
    public void A_retrain_run_reports_every_stage_of_a_second_training_after_the_first()
    {
        var run = TrainServingOnGeneratedSet("retrain", seed: 6, "--retrain");

        var lines = SecondsLine().Matches(run.Stdout);
        Assert.True(lines.Count == 2, $"expected the first training's and the retrain's stage lines:\n{run.Stdout}");
        Assert.StartsWith("seconds: load", lines[0].Groups["lead"].Value, StringComparison.Ordinal);
        Assert.Equal("retrain seconds:", lines[1].Groups["lead"].Value);
        Assert.Equal(2, AllocatedLine().Matches(run.Stdout).Count);
    }

    // `recs generate` writes a small set (300 users, 200 films, 9,000 ratings) under the scratch folder, then `recs train
    // --serving` runs on it; both must succeed.
    private CommandRun TrainServingOnGeneratedSet(string name, int seed, params string[] options)
    {
        string dir = Path.Combine(_scratch, name);
        var generated = CommandRun.InProcess("generate", "--users", "300", "--films", "200", "--ratings", "9000",
            "--seed", seed.ToString(CultureInfo.InvariantCulture), "--out", dir);
        Assert.True(generated.ExitCode == 0, generated.Stderr);
        var run = CommandRun.InProcess(["train", "--ratings", Path.Combine(dir, "ratings.csv.gz"), "--serving", .. options]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return run;
    }

    private static double Number(Match match, string name) => double.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
}
