using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Recs.Engine.Model;
using Recs.Engine.Training;

namespace Recs.Aot.Commands;

/// <summary>The options of `recs eval`, as parsed: <see cref="Bind"/> defines them on the command and reads them back.</summary>
internal sealed record EvalArguments(
    string? Ratings, double Holdout, int Seed, int[] Seeds, double FoldInUsers, bool Tune, bool Validate, string? Train, string? Test,
    int K, bool Json, ModelTrainingOptions Training, BlendWeights Weights)
{
    /// <summary>The share of training ratings carved out for validation when --train/--test give the split, which has no --holdout.</summary>
    public const double GivenSplitValidationHoldout = 0.2;

    /// <summary>The share of each user's training ratings held out again for validation: --holdout, or <see cref="GivenSplitValidationHoldout"/>.</summary>
    public double ValidationHoldout => Ratings is null ? GivenSplitValidationHoldout : Holdout;

    /// <summary>
    /// Adds the options to <paramref name="command"/>; the returned function reads a parse into arguments and throws
    /// <see cref="UsageException"/> when they name no data or contradict each other.
    /// </summary>
    public static Func<ParseResult, EvalArguments> Bind(Command command)
    {
        var ratings = CommandOptions.Text("--ratings", "csv", "one ratings file, split per user into training and test ratings");
        var holdout = CommandOptions.Number("--holdout", "share of each user's ratings held out for testing, in (0, 1)", 0.001, 0.999, fallback: 0.2);
        var seed = CommandOptions.Int("--seed", "seed of the split", int.MinValue, int.MaxValue, fallback: 1);
        var seeds = new Option<int[]?>("--seeds")
        {
            Description = "seeds of several splits, comma-separated; the report gives each ranker's mean and standard deviation over them [default: --seed]",
            HelpName = "1,2,3",
            CustomParser = ParseSeeds,
        };
        var foldIn = CommandOptions.Number("--fold-in-users", "share of users left out of training and folded in from their training ratings", 0, 0.999, fallback: 0);
        var tune = CommandOptions.Flag("--tune", "grid-search the cluster and popularity weights on a validation split of the training part");
        var validate = CommandOptions.Flag("--validate", "report on a validation split of the training part instead of the test ratings");
        var train = CommandOptions.Text("--train", "csv", "training ratings (with --test, instead of --ratings)");
        var test = CommandOptions.Text("--test", "csv", "test ratings (with --train)");
        var k = CommandOptions.Int("--k", "list length the metrics are computed at", 1, 1000, fallback: 10);
        var json = CommandOptions.Flag("--json", "print the report as JSON");
        var weights = new Option<BlendWeights?>("--weights")
        {
            Description = "blend weights svd,cluster,popularity [default: the shipped blend]",
            HelpName = "svd,cluster,popularity",
            CustomParser = ParseWeights,
        };
        var neighbours = CommandOptions.Number("--neighbours", "weight of the item-neighbour score in the blend", -100, 100, System.Math.Round(BlendWeights.Default.Neighbours, 4));
        var components = CommandOptions.Int("--components", "SVD components of the taste space", 1, 1000, new TrainingOptions().Components);
        var rankingRank = CommandOptions.Int("--ranking-rank", "rank of the ranking SVD [default: chosen by validation]", 1, 1000);
        var debias = CommandOptions.Number("--debias", "popularity debiasing exponent β [default: chosen by validation]", -10, 10);
        foreach (var option in new Option[] { ratings, holdout, seed, seeds, foldIn, tune, validate, train, test, k, json, weights, neighbours, components, rankingRank, debias })
            command.Options.Add(option);
        return parsed =>
        {
            bool oneFile = parsed.GetValue(ratings) is not null;
            bool trainFile = parsed.GetValue(train) is not null, testFile = parsed.GetValue(test) is not null;
            if (oneFile == (trainFile || testFile) || trainFile != testFile || (!oneFile && (parsed.GetValue(tune) || parsed.GetValue(validate))))
                throw new UsageException("give --ratings <csv> [--holdout 0.2 --seed 1 --tune|--validate], or --train <csv> --test <csv>");
            if (parsed.GetValue(seeds) is { Length: > 0 } && (!oneFile || parsed.GetValue(tune) || parsed.GetValue(validate)))
                throw new UsageException("--seeds needs --ratings and cannot be combined with --tune or --validate");
            if (parsed.GetValue(tune) && parsed.GetValue(validate))
                throw new UsageException("give --tune or --validate, not both");
            RefuseIgnored(parsed, seed, seeds, holdout, foldIn, weights, oneFile, parsed.GetValue(tune));
            int? fixedRank = parsed.GetValue(rankingRank);
            double? fixedDebias = parsed.GetValue(debias);
            var defaults = new ModelTrainingOptions();
            var training = defaults with
            {
                Pipeline = new TrainingOptions { Components = parsed.GetValue(components)!.Value },
                RankingRank = fixedRank ?? defaults.RankingRank,
                PopularityDebias = fixedDebias ?? defaults.PopularityDebias,
                // Giving --ranking-rank or --debias fixes them; otherwise both are chosen by validation inside training.
                SelectRanking = fixedRank is null && fixedDebias is null,
            };
            var blend = (parsed.GetValue(weights) ?? BlendWeights.Default) with { Neighbours = (float)parsed.GetValue(neighbours)!.Value };
            return new EvalArguments(parsed.GetValue(ratings), parsed.GetValue(holdout)!.Value, parsed.GetValue(seed)!.Value,
                // An absent --seeds reads as an empty array, not null.
                parsed.GetValue(seeds) is { Length: > 0 } several ? several : [parsed.GetValue(seed)!.Value], parsed.GetValue(foldIn)!.Value, parsed.GetValue(tune), parsed.GetValue(validate), parsed.GetValue(train), parsed.GetValue(test),
                parsed.GetValue(k)!.Value, parsed.GetValue(json), training, blend);
        };
    }

    // An option the chosen mode would not read is refused rather than dropped, so a run never reports settings it ignored.
    private static void RefuseIgnored(ParseResult parsed, Option seed, Option seeds, Option holdout, Option foldIn, Option weights, bool oneFile, bool tune)
    {
        if (Given(parsed, seed) && Given(parsed, seeds))
            throw new UsageException("give --seed or --seeds, not both");
        if (!oneFile && (Given(parsed, holdout) || Given(parsed, foldIn)))
            throw new UsageException("--holdout and --fold-in-users split --ratings; --train and --test are used as given");
        if (tune && (Given(parsed, weights) || Given(parsed, foldIn)))
            throw new UsageException("--tune searches the blend weights on trained users only; it takes neither --weights nor --fold-in-users");
    }

    private static bool Given(ParseResult parsed, Option option) => parsed.GetResult(option) is { Implicit: false };

    private static int[]? ParseSeeds(ArgumentResult result)
    {
        string text = result.Tokens[0].Value;
        var parts = text.Split(',');
        var values = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]))
            {
                result.AddError($"--seeds: '{parts[i]}' is not an integer");
                return null;
            }
        }
        if (values.Distinct().Count() == values.Length)
            return values;
        result.AddError($"--seeds repeats a seed in '{text}'");
        return null;
    }

    private static BlendWeights? ParseWeights(ArgumentResult result)
    {
        string text = result.Tokens[0].Value;
        var parts = text.Split(',');
        var values = new float[3];
        for (int i = 0; i < parts.Length && parts.Length == 3; i++)
        {
            if (!float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                result.AddError($"--weights: '{parts[i]}' is not a number");
                return null;
            }
        }
        if (parts.Length == 3)
            return new BlendWeights(values[0], values[1], values[2]);
        result.AddError($"--weights takes svd,cluster,popularity, not '{text}'");
        return null;
    }
}
