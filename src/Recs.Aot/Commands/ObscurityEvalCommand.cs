using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Recs.Engine.Evaluation;
using Recs.Engine.Model;
using Recs.Engine.Recommendation;

namespace Recs.Aot.Commands;

/// <summary>
/// `recs eval-obscurity …`: for a seeded sample of light, medium and heavy raters, the median popularity (training
/// rating count) of the shipped blend's top-k list and its NDCG@k on held-out ratings at each obscurity setting and
/// with the option left out, once per seed and dial shape (`--pools` × `--mixes`). `--validation` measures on a
/// validation split carved from the training part only (seed + 1), so the shape can be chosen without the test ratings.
/// The rule: among shapes whose list median at the last setting is at most `--target-ratio` of the median with the
/// option left out in every group and seed, the one with the best mean NDCG@k over the settings that move the list.
/// </summary>
internal static class ObscurityEvalCommand
{
    public static Command Create()
    {
        var command = new Command("eval-obscurity", "measure how the obscurity option moves the popularity of the lists, and what it costs in NDCG@k");
        var common = new HeldOutEvalOptions("seeds of the splits and samples, comma-separated");
        var obscurity = ListOptions.Numbers("--obscurity", "obscurity settings to measure, comma-separated; the first is the reference", 0, 1, [0, 0.5, 1]);
        var users = CommandOptions.Int("--users", "users sampled from each third by rating count (light, medium, heavy)", 1, 100_000, fallback: 200);
        var validation = CommandOptions.Flag("--validation", "measure on a validation split carved from the training part (seed + 1) instead of the test ratings");
        var pools = ListOptions.Ints("--pools", "dial pools to try (the blend's best films it re-ranks), comma-separated", 1, 10_000, [ObscurityDial.Pool]);
        var mixes = ListOptions.Numbers("--mixes", "popularity weights at the dial's ends to try, comma-separated", 0, 1, [ObscurityDial.MaxMix]);
        var target = CommandOptions.Number("--target-ratio", "a shape qualifies when the list median at the last setting is at most this share of the median with the option left out", 0, 10, fallback: 0.6);
        common.AddTo(command, obscurity, users, validation, pools, mixes, target);
        command.SetAction(parsed =>
        {
            var settings = new ObscurityEvalSettings(parsed.GetValue(common.Ratings)!, parsed.GetValue(common.Holdout)!.Value, parsed.GetValue(common.Seeds)!,
                parsed.GetValue(common.K)!.Value, parsed.GetValue(users)!.Value, parsed.GetValue(obscurity)!, parsed.GetValue(validation),
                parsed.GetValue(pools)!, [.. parsed.GetValue(mixes)!.Select(m => System.Math.Round(m, 4))], parsed.GetValue(target)!.Value);
            return Run(settings, parsed.GetValue(common.Json), parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error);
        });
        return command;
    }

    /// <summary>Measures and prints the report on <paramref name="stdout"/> (progress on <paramref name="stderr"/>); returns 0.</summary>
    public static int Run(ObscurityEvalSettings settings, bool json, TextWriter stdout, TextWriter stderr)
    {
        var ratings = RatingsFile.Read(settings.Ratings);
        // The option's settings, then the option left out (the model's own ranking) for comparison.
        float?[] points = [.. settings.Obscurity.Select(o => (float?)o), null];
        var groups = new List<ObscurityEvalGroup>();
        var shapes = settings.Pools.SelectMany(p => settings.Mixes.Select(m => new ObscurityDialShape(p, (float)m))).ToList();
        foreach (int seed in settings.Seeds)
        {
            var split = HoldoutSplitter.Split(ratings, settings.Holdout, seed);
            if (settings.Validation)
                split = HoldoutSplitter.Validation(split.Train, settings.Holdout, seed + 1);
            stderr.WriteLine($"recs eval-obscurity: seed {seed}: training…");
            var model = ModelTrainer.Train(split.Train, new ModelTrainingOptions(), DateTimeOffset.UtcNow);
            var sample = ActivityGroups.Sample(split.Trained, settings.UsersPerGroup, seed);
            foreach (var shape in shapes)
            {
                for (int g = 0; g < ActivityGroups.Names.Length; g++)
                {
                    var members = sample.All[g];
                    // The shipped shape goes through the service's own path; others re-rank the blend's list here.
                    var measured = ObscurityDialEvaluation.Measure(model, BlendWeights.Default, members, points, settings.K,
                        shape == ObscurityDialShape.Shipped ? null : shape);
                    groups.Add(new ObscurityEvalGroup(seed, ActivityGroups.Names[g], members.Count,
                        members.Count == 0 ? 0 : members.Min(u => u.Films.Length), members.Count == 0 ? 0 : members.Max(u => u.Films.Length),
                        shape.Pool, System.Math.Round(shape.MaxMix, 4), measured));
                }
            }
        }
        var chosen = Choose(shapes, groups, settings.TargetRatio);
        var report = new ObscurityEvalReport(settings, groups, chosen.Pool, System.Math.Round(chosen.MaxMix, 4));
        if (json)
            stdout.WriteLine(JsonSerializer.Serialize(report, ObscurityEvalJsonContext.Default.ObscurityEvalReport));
        else
            Print(report, stdout);
        return 0;
    }

    // The rule in the summary: qualifying shapes by mean NDCG over the moving settings; if none qualifies, the one whose
    // worst group moves most.
    private static ObscurityDialShape Choose(List<ObscurityDialShape> shapes, List<ObscurityEvalGroup> groups, double targetRatio)
    {
        var scored = shapes.Select(shape =>
        {
            var mine = groups.Where(g => g.Pool == shape.Pool && g.MaxMix == System.Math.Round(shape.MaxMix, 4)).ToList();
            double worstRatio = mine.Max(g => g.Points[^1].MedianPopularity > 0 ? g.Points[^2].MedianPopularity / g.Points[^1].MedianPopularity : 1);
            var moving = mine.SelectMany(g => g.Points).Where(p => p.Obscurity is { } o && ObscurityDial.Moves(o)).ToList();
            double ndcg = moving.Count == 0 ? 0 : moving.Average(p => p.Ndcg);
            return (Shape: shape, WorstRatio: worstRatio, Ndcg: ndcg);
        }).ToList();
        var qualifying = scored.Where(s => s.WorstRatio <= targetRatio).ToList();
        return qualifying.Count > 0 ? qualifying.MaxBy(s => s.Ndcg).Shape : scored.MinBy(s => s.WorstRatio).Shape;
    }

    private static void Print(ObscurityEvalReport report, TextWriter stdout)
    {
        var s = report.Settings;
        string reference = s.Obscurity[0].ToString(CultureInfo.InvariantCulture);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(s.Ratings)}: {s.Holdout:0.##} of each user's ratings held out{(s.Validation ? ", measured on a validation split of the training part (the same share held out again, seed + 1)" : "")}; up to {s.UsersPerGroup} users per group; top {s.K}"));
        stdout.WriteLine($"| seed | pool | mix | raters (training ratings) | obscurity | median ratings of a list's films | NDCG@{s.K} | users below obscurity={reference} |");
        stdout.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var group in report.Groups)
        {
            foreach (var p in group.Points)
            {
                string setting = p.Obscurity is { } o ? o.ToString(CultureInfo.InvariantCulture) : "left out";
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {group.Seed} | {group.Pool} | {group.MaxMix} | {group.Group} ({group.Users} users, {group.MinRatings}–{group.MaxRatings}) | {setting} | {p.MedianPopularity:0.#} | {p.Ndcg:0.0000} | {p.ShareBelowReference:0%} |"));
            }
        }
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"chosen: pool {report.ChosenPool}, mix {report.ChosenMaxMix} (list median at {s.Obscurity[^1]} at most {s.TargetRatio} of the median with the option left out in every group, then the best mean NDCG@{s.K} where the dial moves)"));
    }
}
