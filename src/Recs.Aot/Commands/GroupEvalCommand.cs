using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Recs.Engine.Evaluation;
using Recs.Engine.Model;

namespace Recs.Aot.Commands;

/// <summary>
/// `recs eval-groups …`: NDCG@k of watch-together lists for seeded random groups of held-out users, against each
/// member's held-out ratings, beside each member's own list and a popularity list for the group, once per seed.
/// </summary>
internal static class GroupEvalCommand
{
    public static Command Create()
    {
        var command = new Command("eval-groups", "measure watch-together lists (NDCG@k for each member) against the members' own lists and popularity");
        var common = new HeldOutEvalOptions("seeds of the splits and the group draws, comma-separated");
        var sizes = ListOptions.Ints("--groups", "group sizes to measure, comma-separated (2 to 8 people, as the group endpoint takes)", 2, 8, [2, 3, 4]);
        var count = CommandOptions.Int("--count", "random groups drawn per size and seed", 1, 100_000, fallback: 200);
        common.AddTo(command, sizes, count);
        command.SetAction(parsed =>
        {
            var settings = new GroupEvalSettings(parsed.GetValue(common.Ratings)!, parsed.GetValue(common.Holdout)!.Value, parsed.GetValue(common.Seeds)!,
                parsed.GetValue(sizes)!, parsed.GetValue(count)!.Value, parsed.GetValue(common.K)!.Value);
            return Run(settings, parsed.GetValue(common.Json), parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error);
        });
        return command;
    }

    /// <summary>Measures and prints the report on <paramref name="stdout"/> (progress on <paramref name="stderr"/>); returns 0.</summary>
    public static int Run(GroupEvalSettings settings, bool json, TextWriter stdout, TextWriter stderr)
    {
        var ratings = RatingsFile.Read(settings.Ratings);
        var runs = new List<GroupEvalRun>();
        foreach (int seed in settings.Seeds)
        {
            var split = HoldoutSplitter.Split(ratings, settings.Holdout, seed);
            stderr.WriteLine($"recs eval-groups: seed {seed}: training…");
            var model = ModelTrainer.Train(split.Train, new ModelTrainingOptions(), DateTimeOffset.UtcNow);
            foreach (int size in settings.Sizes)
            {
                if (size > split.Trained.Count)
                    throw new UsageException($"--groups {size}: only {split.Trained.Count} users are evaluated");
                var quality = GroupEvaluation.Measure(model, BlendWeights.Default, split.Train, split.Trained, size, settings.GroupsPerSize, seed, settings.K);
                runs.Add(new GroupEvalRun(seed, quality));
            }
        }
        var means = settings.Sizes.Select(size =>
        {
            var of = runs.Where(r => r.Quality.Size == size).Select(r => r.Quality).ToList();
            return new GroupQuality(size, of.Sum(q => q.Groups), of.Average(q => q.GroupNdcg), of.Average(q => q.IndividualNdcg), of.Average(q => q.PopularityNdcg));
        }).ToList();
        var report = new GroupEvalReport(settings, runs, means);
        if (json)
            stdout.WriteLine(JsonSerializer.Serialize(report, GroupEvalJsonContext.Default.GroupEvalReport));
        else
            Print(report, stdout);
        return 0;
    }

    private static void Print(GroupEvalReport report, TextWriter stdout)
    {
        var s = report.Settings;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(s.Ratings)}: {s.Holdout:0.##} of each user's ratings held out; {s.GroupsPerSize} random groups per size and seed; seeds {string.Join(',', s.Seeds)}; mean NDCG@{s.K} over members"));
        stdout.WriteLine("| people | groups | group list | each member's own list | popular films none of them rated |");
        stdout.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var q in report.Means)
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {q.Size} | {q.Groups} | {q.GroupNdcg:0.0000} | {q.IndividualNdcg:0.0000} | {q.PopularityNdcg:0.0000} |"));
    }
}
