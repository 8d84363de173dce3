using System.Diagnostics;
using System.Globalization;
using Recs.Engine.Evaluation;
using Recs.Engine.Model;

namespace Recs.Aot.Commands;

/// <summary>
/// `recs train --ratings FILE --serving`: trains the whole serving model (what `recs serve` trains) on every rating of
/// the file and reports the seconds of each stage and the peak working set, for measuring training at scale.
/// </summary>
internal static class ServingTrainCommand
{
    public static int Run(TrainArguments args, TextWriter stdout)
    {
        long started = Stopwatch.GetTimestamp();
        var data = HoldoutSplitter.FromFiles(RatingsFile.Read(args.Ratings), []).Train;
        double load = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var stages = new Dictionary<string, double>();
        long training = Stopwatch.GetTimestamp();
        var model = ModelTrainer.Train(data, new ModelTrainingOptions { Pipeline = args.Options }, DateTimeOffset.UtcNow, stages);
        double total = Stopwatch.GetElapsedTime(training).TotalSeconds;
        using var process = Process.GetCurrentProcess();
        var c = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Create(c, $"{args.Ratings}: {data.UserCount:N0} users × {data.FilmCount:N0} films, {data.RatingCount:N0} ratings; k = {model.ClusterCount}, ranking rank {model.RankingRank}"));
        stdout.WriteLine(string.Create(c, $"seconds: load {load:F1}  {string.Join("  ", stages.Select(s => string.Create(c, $"{s.Key} {s.Value:F1}")))}  training {total:F1}"));
        stdout.WriteLine(string.Create(c, $"peak working set {process.PeakWorkingSet64 / (1024.0 * 1024.0):F0} MB"));
        return 0;
    }
}
