using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Recs.Engine.Training;

namespace Recs.Aot.Commands;

/// <summary>`recs train --ratings FILE …`: runs the model pipeline on a ratings file and reports every stage.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var command = new Command("train", "run the model pipeline (SVD, k-means, silhouette) on a ratings file and report every stage");
        var bind = TrainArguments.Bind(command);
        command.SetAction(parsed => Run(bind(parsed), parsed.InvocationConfiguration.Output));
        return command;
    }

    /// <summary>Trains and writes the report to <paramref name="stdout"/>; returns 0, or throws <see cref="UsageException"/> for settings the data cannot meet.</summary>
    public static int Run(TrainArguments parsed, TextWriter stdout)
    {
        try
        {
            if (parsed.Serving)
                return ServingTrainCommand.Run(parsed, stdout);
            long started = Stopwatch.GetTimestamp();
            var ratings = RatingsFileReader.Read(parsed.Ratings);
            double load = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var result = TrainingPipeline.Run(ratings, parsed.Options);
            var report = Report(parsed, ratings, result, load, Stopwatch.GetElapsedTime(started).TotalSeconds);
            if (parsed.Dump is not null)
                TrainDump.Write(parsed.Dump, ratings, result);
            if (parsed.Json)
                stdout.WriteLine(JsonSerializer.Serialize(report, TrainJsonContext.Default.TrainReport));
            else
                PrintSummary(stdout, report);
            return 0;
        }
        catch (ArgumentException e)
        {
            // The pipeline refuses settings the data cannot meet (more components than films, …): a usage error.
            throw new UsageException(e.Message);
        }
    }

    private static TrainReport Report(TrainArguments args, RatingTriples ratings, TrainingResult result, double load, double total)
    {
        var svd = result.Svd;
        var stages = result.StageSeconds;
        using var process = Process.GetCurrentProcess();
        return new TrainReport
        {
            File = args.Ratings,
            Format = ratings.Format switch { RatingsFileFormat.MovieLens => "movielens", RatingsFileFormat.LetterboxdDataset => "letterboxd-dataset", _ => "triples" },
            Users = result.Matrix.Rows,
            Films = result.Matrix.Columns,
            Ratings = result.Matrix.NonZeroCount,
            Components = svd.Rank,
            Geometry = args.Options.NormaliseRows ? "unit" : "raw",
            Seconds = new TrainStageSeconds(load, stages["matrix"], stages["svd"], stages["kmeans"], stages["silhouette"], total),
            SingularValues = svd.SingularValues[..svd.Rank],
            SvdConverged = svd.Converged,
            SvdMatrixVectorProducts = svd.MatrixVectorProducts,
            SvdSeconds = new TrainSvdSeconds(svd.Timings.Products, svd.Timings.Orthogonalisation, svd.Timings.ProjectedSvd, svd.Timings.Rotation),
            Clusters = [.. result.Clusters.Scores.Select(s =>
                new TrainClusterScore(s.ClusterCount, double.IsNaN(s.Silhouette) ? null : s.Silhouette, s.Inertia))],
            ChosenK = result.Clusters.BestClusterCount,
            Inertia = result.Clusters.Best.Inertia,
            PeakWorkingSetMb = process.PeakWorkingSet64 / (1024.0 * 1024.0),
        };
    }

    private static void PrintSummary(TextWriter o, TrainReport r)
    {
        var c = CultureInfo.InvariantCulture;
        var s = r.Seconds;
        o.WriteLine(string.Create(c, $"{r.File} ({r.Format}): {r.Users:N0} users × {r.Films:N0} films, {r.Ratings:N0} ratings"));
        o.WriteLine(string.Create(c, $"seconds: load {s.Load:F3}  matrix {s.Matrix:F3}  svd {s.Svd:F3}  kmeans {s.Kmeans:F3}  silhouette {s.Silhouette:F3}  total {s.Total:F3}"));
        o.WriteLine(string.Create(c, $"svd: {r.Components} components, σ₁ {r.SingularValues[0]:F2} … σ{r.Components} {r.SingularValues[^1]:F2}, {(r.SvdConverged ? "converged" : "NOT converged")} after {r.SvdMatrixVectorProducts} products"));
        var t = r.SvdSeconds;
        o.WriteLine(string.Create(c, $"svd seconds: products {t.Products:F3}  orthogonalisation {t.Orthogonalisation:F3}  projected svd {t.ProjectedSvd:F3}  rotation {t.Rotation:F3}"));
        o.WriteLine(string.Create(c, $"clusters ({r.Geometry} geometry):\n      k  silhouette      inertia"));
        foreach (var k in r.Clusters)
            o.WriteLine(string.Create(c, $"  {(k.K == r.ChosenK ? '*' : ' ')} {k.K,3}  {(k.Silhouette is { } v ? v.ToString("F4", c) : "n/a"),10}  {k.Inertia,11:F2}"));
        o.WriteLine(string.Create(c, $"chosen k = {r.ChosenK}, inertia {r.Inertia:F2}; peak working set {r.PeakWorkingSetMb:F0} MB"));
    }
}
