using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Recs.Engine.Evaluation;
using Recs.Engine.Model;

namespace Recs.Aot.Commands;

/// <summary>
/// `recs eval-obscurity …`: for a seeded sample of light, medium and heavy raters, the median popularity (training
/// rating count) of the shipped blend's top-k list and its NDCG@k on held-out ratings at each obscurity setting and
/// with the option left out, once per seed.
/// </summary>
internal static class ObscurityEvalCommand
{
    public static Command Create()
    {
        var command = new Command("eval-obscurity", "measure how the obscurity option moves the popularity of the lists, and what it costs in NDCG@k");
        var common = new HeldOutEvalOptions("seeds of the splits and samples, comma-separated");
        var obscurity = ListOptions.Numbers("--obscurity", "obscurity settings to measure, comma-separated; the first is the reference", 0, 1, [0, 0.5, 1]);
        var users = CommandOptions.Int("--users", "users sampled from each third by rating count (light, medium, heavy)", 1, 100_000, fallback: 200);
        common.AddTo(command, obscurity, users);
        command.SetAction(parsed =>
        {
            var settings = new ObscurityEvalSettings(parsed.GetValue(common.Ratings)!, parsed.GetValue(common.Holdout)!.Value, parsed.GetValue(common.Seeds)!,
                parsed.GetValue(common.K)!.Value, parsed.GetValue(users)!.Value, parsed.GetValue(obscurity)!);
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
        foreach (int seed in settings.Seeds)
        {
            var split = HoldoutSplitter.Split(ratings, settings.Holdout, seed);
            stderr.WriteLine($"recs eval-obscurity: seed {seed}: training…");
            var model = ModelTrainer.Train(split.Train, new ModelTrainingOptions(), DateTimeOffset.UtcNow);
            var sample = ActivityGroups.Sample(split.Trained, settings.UsersPerGroup, seed);
            for (int g = 0; g < ActivityGroups.Names.Length; g++)
            {
                var members = sample.All[g];
                var measured = ObscurityDialEvaluation.Measure(model, BlendWeights.Default, members, points, settings.K);
                groups.Add(new ObscurityEvalGroup(seed, ActivityGroups.Names[g], members.Count,
                    members.Count == 0 ? 0 : members.Min(u => u.Films.Length), members.Count == 0 ? 0 : members.Max(u => u.Films.Length), measured));
            }
        }
        var report = new ObscurityEvalReport(settings, groups);
        if (json)
            stdout.WriteLine(JsonSerializer.Serialize(report, ObscurityEvalJsonContext.Default.ObscurityEvalReport));
        else
            Print(report, stdout);
        return 0;
    }

    private static void Print(ObscurityEvalReport report, TextWriter stdout)
    {
        var s = report.Settings;
        string reference = s.Obscurity[0].ToString(CultureInfo.InvariantCulture);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(s.Ratings)}: {s.Holdout:0.##} of each user's ratings held out; up to {s.UsersPerGroup} users per group; top {s.K}"));
        stdout.WriteLine($"| seed | raters (training ratings) | obscurity | median ratings of a list's films | NDCG@{s.K} | users below obscurity={reference} |");
        stdout.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var group in report.Groups)
        {
            foreach (var p in group.Points)
            {
                string setting = p.Obscurity is { } o ? o.ToString(CultureInfo.InvariantCulture) : "left out";
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {group.Seed} | {group.Group} ({group.Users} users, {group.MinRatings}–{group.MaxRatings}) | {setting} | {p.MedianPopularity:0.#} | {p.Ndcg:0.0000} | {p.ShareBelowReference:0%} |"));
            }
        }
    }
}
