using System.Globalization;
using Recs.Engine.Training;

namespace Recs.Aot.Commands;

/// <summary>The parsed options of `recs train`; <see cref="Parse"/> throws <see cref="UsageException"/> on anything it cannot use.</summary>
internal sealed record TrainArguments(string Ratings, TrainingOptions Options, bool Json, string? Dump, bool Serving)
{
    public const string Usage =
        "usage: recs train --ratings <ratings.csv[.gz]> [--components 64] [--clusters 2..20 | --clusters 12] " +
        "[--silhouette-sample 2000] [--seed 42] [--geometry unit|raw] [--json] [--dump <dir>] [--serving]";

    public static TrainArguments Parse(string[] args)
    {
        string? ratings = null, dump = null;
        bool json = false, serving = false;
        var options = new TrainingOptions();
        var reader = new OptionReader(args, Usage);
        while (reader.Next() is { } name)
        {
            switch (name)
            {
                case "--json":
                    json = true;
                    continue;
                case "--serving":
                    serving = true;
                    continue;
                case "--ratings":
                    ratings = reader.Value();
                    continue;
                case "--dump":
                    dump = reader.Value();
                    continue;
                case "--components":
                    options = options with { Components = reader.Int(1, 1000) };
                    continue;
                case "--silhouette-sample":
                    options = options with { SilhouetteSample = reader.Int(2, 20_000) };
                    continue;
                case "--seed":
                    options = options with { Seed = reader.Int(int.MinValue, int.MaxValue) };
                    continue;
                case "--clusters":
                    var (min, max) = ClusterRange(reader.Value());
                    options = options with { MinClusters = min, MaxClusters = max };
                    continue;
                case "--geometry":
                    options = reader.Value() switch
                    {
                        "unit" => options with { NormaliseRows = true },
                        "raw" => options with { NormaliseRows = false },
                        var other => throw new UsageException($"--geometry must be unit or raw, not '{other}'"),
                    };
                    continue;
                default:
                    throw reader.Unknown();
            }
        }
        if (ratings is null)
            throw reader.Error("--ratings is required");
        return new TrainArguments(ratings, options, json, dump, serving);
    }

    // "12" tries one count; "2..20" tries every count in the range.
    private static (int Min, int Max) ClusterRange(string text)
    {
        var parts = text.Split("..");
        if (parts.Length is 1 or 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int min)
            && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out int max)
            && min >= 2 && max >= min && max <= 1000)
            return (min, max);
        throw new UsageException($"--clusters must be a count k ≥ 2 or a range a..b with 2 ≤ a ≤ b, not '{text}'");
    }
}
