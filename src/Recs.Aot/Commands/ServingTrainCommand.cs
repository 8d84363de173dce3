using System.Diagnostics;
using System.Globalization;
using Recs.Engine.Data;
using Recs.Engine.Evaluation;
using Recs.Engine.Model;

namespace Recs.Aot.Commands;

/// <summary>
/// `recs train --ratings FILE --serving`: trains the whole serving model (what `recs serve` trains) on every rating of
/// the file and reports the seconds, the most scratch pages and the managed bytes allocated of each stage and the peak working set, for measuring training at scale.
/// </summary>
internal static class ServingTrainCommand
{
    public static int Run(TrainArguments args, TextWriter stdout)
    {
        long started = Stopwatch.GetTimestamp();
        var data = HoldoutSplitter.FromFiles(RatingsFile.Read(args.Ratings), []).Train;
        double load = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var options = new ModelTrainingOptions { Pipeline = args.Options };
        var (model, total, stages, scratch, allocated) = TrainMeasured(data, options);
        using var process = Process.GetCurrentProcess();
        var c = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Create(c, $"{args.Ratings}: {data.UserCount:N0} users × {data.FilmCount:N0} films, {data.RatingCount:N0} ratings; k = {model.ClusterCount}, ranking rank {model.RankingRank}"));
        PrintStages(stdout, $"seconds: load {load.ToString("F1", c)}", stages, total, scratch, allocated, model);
        if (args.Retrain)
        {
            // What the service's retrain on data of about this size does: the same stages, the ranking choice carried over.
            var (again, againTotal, againStages, againScratch, againAllocated) = TrainMeasured(data, options with { PreviousRanking = model.Ranking });
            PrintStages(stdout, "retrain seconds:", againStages, againTotal, againScratch, againAllocated, again);
        }
        stdout.WriteLine(string.Create(c, $"peak working set {process.PeakWorkingSet64 / (1024.0 * 1024.0):F0} MB"));
        if (args.Groups)
        {
            var groups = model.Groups!;
            stdout.WriteLine(string.Create(c, $"taste groups keep {groups.GroupFilms.Length:N0} group × film entries for {data.RatingCount:N0} ratings: {groups.EstimatedBytes / 1e6:F1} MB"));
            PrintGroups(stdout, GroupCohesion.Measure(model, data, CohesionPairs, args.Options.Seed));
            PrintGroupSilhouettes(stdout, groups);
        }
        return 0;
    }

    private static (TrainedModel Model, double Seconds, Dictionary<string, double> Stages, Dictionary<string, long> Scratch, Dictionary<string, long> Allocated)
        TrainMeasured(RatingsDataset data, ModelTrainingOptions options)
    {
        var stages = new Dictionary<string, double>();
        var scratch = new Dictionary<string, long>();
        var allocated = new Dictionary<string, long>();
        long started = Stopwatch.GetTimestamp();
        var model = ModelTrainer.Train(data, options, DateTimeOffset.UtcNow, stages, stageScratchBytes: scratch, stageAllocatedBytes: allocated);
        return (model, Stopwatch.GetElapsedTime(started).TotalSeconds, stages, scratch, allocated);
    }

    private static void PrintStages(TextWriter o, string lead, Dictionary<string, double> stages, double total, Dictionary<string, long> scratch,
        Dictionary<string, long> allocated, TrainedModel model)
    {
        var c = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(c, $"{lead}  {string.Join("  ", stages.Select(s => string.Create(c, $"{s.Key} {s.Value:F1}")))}  training {total:F1}"));
        o.WriteLine(string.Create(c, $"scratch peak MB: {string.Join("  ", scratch.Select(s => string.Create(c, $"{s.Key} {s.Value / (1024.0 * 1024.0):F1}")))}"));
        o.WriteLine(string.Create(c, $"managed MB allocated: {string.Join("  ", allocated.Select(s => string.Create(c, $"{s.Key} {s.Value / (1024.0 * 1024.0):F1}")))}; the model's arrays {model.EstimatedBytes / (1024.0 * 1024.0):F1}"));
    }

    // Enough pairs that the means' standard errors are far below the differences they are compared by.
    private const int CohesionPairs = 20_000;

    // The figures GET /api/clusters shows per group, summarised: the range, and the largest group's own value.
    private static void PrintGroupSilhouettes(TextWriter o, TasteGroups groups)
    {
        var c = CultureInfo.InvariantCulture;
        var silhouettes = groups.GroupSilhouettes;
        // The scored groups in ascending silhouette: the ends and the middle are read off one ordering.
        var ordered = Enumerable.Range(0, groups.GroupCount).Where(g => !float.IsNaN(silhouettes[g])).OrderBy(g => silhouettes[g]).ToArray();
        if (ordered.Length == 0)
        {
            o.WriteLine("group silhouettes: none (no cluster was split)");
            return;
        }
        int lowest = ordered[0], highest = ordered[^1];
        int largest = Enumerable.Range(0, groups.GroupCount).MaxBy(g => groups.Sizes[g]);
        float median = (silhouettes[ordered[(ordered.Length - 1) / 2]] + silhouettes[ordered[ordered.Length / 2]]) / 2;
        o.WriteLine(string.Create(c,
            $"group silhouettes ({ordered.Length} of {groups.GroupCount} groups): lowest {silhouettes[lowest]:F4} (group {groups.Id(lowest)}, {groups.Sizes[lowest]} members), " +
            $"median {median:F4}, highest {silhouettes[highest]:F4} (group {groups.Id(highest)}, {groups.Sizes[highest]} members); " +
            $"largest group {groups.Id(largest)}: {groups.Sizes[largest]} members, silhouette {silhouettes[largest]:F4}"));
    }

    private static void PrintGroups(TextWriter o, GroupCohesionReport r)
    {
        var c = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(c, $"taste groups: {r.Groups}, members smallest {r.SmallestGroup}, median {r.MedianGroup:0.#}, largest {r.LargestGroup}"));
        o.WriteLine("| pairs drawn | pairs | mean cosine of U·Σ rows | mean Jaccard of films rated 4★+ |");
        o.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var (name, p) in new[] { ("within a taste group", r.WithinGroup), ("within a top-level cluster", r.WithinCluster), ("any two users", r.Random) })
            o.WriteLine(string.Create(c, $"| {name} | {p.Pairs:N0} | {p.MeanCosine:F4} | {p.MeanJaccard:F4} |"));
    }
}
