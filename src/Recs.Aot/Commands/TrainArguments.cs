using System.CommandLine;
using System.Globalization;
using Recs.Engine.Training;

namespace Recs.Aot.Commands;

/// <summary>The options of `recs train`, as parsed: <see cref="Bind"/> defines them on the command and reads them back.</summary>
internal sealed record TrainArguments(string Ratings, TrainingOptions Options, bool Json, string? Dump, bool Serving, bool Groups = false, bool Retrain = false)
{
    /// <summary>Adds the options to <paramref name="command"/>; the returned function reads a parse into arguments.</summary>
    public static Func<ParseResult, TrainArguments> Bind(Command command)
    {
        var defaults = new TrainingOptions();
        var ratings = CommandOptions.Text("--ratings", "ratings.csv[.gz]", "ratings file: MovieLens, Letterboxd data set or user,film,stars triples; plain or gzip", required: true);
        var components = CommandOptions.Int("--components", "SVD components", 1, 1000, defaults.Components);
        var clusters = new Option<ClusterRange>("--clusters")
        {
            Description = "cluster counts to try: a count k ≥ 2, or a range a..b (the best silhouette wins)",
            HelpName = "k|a..b",
            CustomParser = ParseClusters,
            DefaultValueFactory = _ => new ClusterRange(defaults.MinClusters, defaults.MaxClusters),
        };
        var sample = CommandOptions.Int("--silhouette-sample", "points the silhouette is computed on", 2, 20_000, defaults.SilhouetteSample);
        var seed = CommandOptions.Int("--seed", "random seed", int.MinValue, int.MaxValue, defaults.Seed);
        var geometry = new Option<string>("--geometry")
        {
            Description = "cluster the unit-length rows of U·Σ, or the raw rows",
            DefaultValueFactory = _ => defaults.NormaliseRows ? "unit" : "raw",
        }.AcceptOnlyFromAmong("unit", "raw");
        var json = CommandOptions.Flag("--json", "print the report as JSON");
        var dump = CommandOptions.Text("--dump", "dir", "also write factors, labels and singular values into this folder");
        var serving = CommandOptions.Flag("--serving", "train the whole serving model (what serve trains) and report each stage's seconds");
        var groups = CommandOptions.Flag("--groups", "with --serving: also report the taste groups' sizes, their own silhouettes and how alike their members are against random pairs");
        var retrain = CommandOptions.Flag("--retrain", "with --serving: then train again on the same ratings as the service's retrain does (the ranking's β and rank carried over) and report its stages too");
        foreach (var option in new Option[] { ratings, components, clusters, sample, seed, geometry, json, dump, serving, groups, retrain })
            command.Options.Add(option);

        return parsed =>
        {
            var range = parsed.GetValue(clusters)!;
            var options = defaults with
            {
                Components = parsed.GetValue(components)!.Value,
                MinClusters = range.Min,
                MaxClusters = range.Max,
                SilhouetteSample = parsed.GetValue(sample)!.Value,
                Seed = parsed.GetValue(seed)!.Value,
                NormaliseRows = parsed.GetValue(geometry) == "unit",
            };
            bool servingRun = parsed.GetValue(serving), groupReport = parsed.GetValue(groups), retrainRun = parsed.GetValue(retrain);
            if (groupReport && !servingRun)
                throw new UsageException("--groups reports on the serving model: add --serving");
            if (retrainRun && !servingRun)
                throw new UsageException("--retrain trains the serving model again: add --serving");
            return new TrainArguments(parsed.GetRequiredValue(ratings), options, parsed.GetValue(json), parsed.GetValue(dump), servingRun, groupReport, retrainRun);
        };
    }

    // "12" tries one count; "2..20" tries every count in the range.
    private static ClusterRange? ParseClusters(System.CommandLine.Parsing.ArgumentResult result)
    {
        string text = result.Tokens[0].Value;
        var parts = text.Split("..");
        if (parts.Length is 1 or 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int min)
            && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out int max)
            && min >= 2 && max >= min && max <= 1000)
            return new ClusterRange(min, max);
        result.AddError($"--clusters must be a count k ≥ 2 or a range a..b with 2 ≤ a ≤ b ≤ 1000, not '{text}'");
        return null;
    }
}
