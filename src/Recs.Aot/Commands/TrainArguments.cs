using System.Globalization;
using Recs.Engine.Training;

namespace Recs.Aot.Commands;

/// <summary>The parsed options of `recs train`; <see cref="Parse"/> throws <see cref="UsageException"/> on anything it cannot use.</summary>
internal sealed record TrainArguments(string Ratings, TrainingOptions Options, bool Json, string? Dump)
{
    public const string Usage =
        "usage: recs train --ratings <ratings.csv[.gz]> [--components 64] [--clusters 2..20 | --clusters 12] " +
        "[--silhouette-sample 2000] [--seed 42] [--geometry unit|raw] [--json] [--dump <dir>]";

    public static TrainArguments Parse(string[] args)
    {
        string? ratings = null, dump = null;
        bool json = false;
        var options = new TrainingOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            switch (name)
            {
                case "--json":
                    json = true;
                    continue;
                case "--ratings":
                    ratings = Value(args, ref i);
                    continue;
                case "--dump":
                    dump = Value(args, ref i);
                    continue;
                case "--components":
                    options = options with { Components = Int(args, ref i, 1, 1000) };
                    continue;
                case "--silhouette-sample":
                    options = options with { SilhouetteSample = Int(args, ref i, 2, 20_000) };
                    continue;
                case "--seed":
                    options = options with { Seed = Int(args, ref i, int.MinValue, int.MaxValue) };
                    continue;
                case "--clusters":
                    var (min, max) = ClusterRange(Value(args, ref i));
                    options = options with { MinClusters = min, MaxClusters = max };
                    continue;
                case "--geometry":
                    options = Value(args, ref i) switch
                    {
                        "unit" => options with { NormaliseRows = true },
                        "raw" => options with { NormaliseRows = false },
                        var other => throw new UsageException($"--geometry must be unit or raw, not '{other}'"),
                    };
                    continue;
                default:
                    throw new UsageException($"unknown option '{name}'\n{Usage}");
            }
        }
        if (ratings is null)
            throw new UsageException($"--ratings is required\n{Usage}");
        return new TrainArguments(ratings, options, json, dump);
    }

    private static string Value(string[] args, ref int i)
    {
        if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            throw new UsageException($"{args[i]} needs a value\n{Usage}");
        return args[++i];
    }

    private static int Int(string[] args, ref int i, int min, int max)
    {
        string name = args[i];
        string text = Value(args, ref i);
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
            throw new UsageException($"{name} must be an integer in [{min}, {max}], not '{text}'");
        return value;
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
