using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Recs.Engine.Evaluation;

namespace Recs.Aot.Commands;

/// <summary>
/// `recs eval …`: measures ranking quality (precision, recall, NDCG@k) on held-out ratings for the shipped blend and
/// the baselines (<see cref="EvalSeedRunner"/>), once per seed, and reports each ranker's mean and spread over seeds;
/// `--tune` grid-searches the blend weights on a validation split carved out of the training part instead.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var command = new Command("eval", "measure ranking quality (precision, recall, NDCG@k) on held-out ratings for each ranker");
        var bind = EvalArguments.Bind(command);
        command.SetAction(parsed => Run(bind(parsed), parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Evaluates and prints the report (or the --tune grid) on <paramref name="stdout"/>, progress on <paramref name="stderr"/>; returns 0.</summary>
    public static int Run(EvalArguments options, TextWriter stdout, TextWriter stderr)
    {
        var clock = Stopwatch.StartNew();
        var runs = new List<EvalSeedRun>();
        if (options.Ratings is { } ratingsPath)
        {
            double holdout = options.Holdout;
            double foldIn = options.FoldInUsers;
            var ratings = RatingsFile.Read(ratingsPath);
            stderr.WriteLine($"recs eval: data read in {clock.Elapsed.TotalSeconds:0.0}s");
            if (options.Tune || options.Validate)
            {
                // Validation: hold out the same fraction again from the training part, so the test ratings are never seen.
                int seed = options.Seed;
                var first = HoldoutSplitter.Split(ratings, holdout, seed);
                if (options.Tune)
                    return EvalWeightTuner.Run(HoldoutSplitter.Validation(first.Train, holdout, seed + 1), options, Settings(options), stdout);
                // --validate: the usual comparison table, but on the validation split (for choosing ranks and β).
                var split = HoldoutSplitter.Validation(first.Train, holdout, seed + 1, foldIn);
                runs.Add(EvalSeedRunner.Run(split, seed + 1,
                    $"{Path.GetFileName(ratingsPath)}: validation split of the training part ({holdout:0.##} held out again, seed {seed + 1}), {foldIn:0.##} of users folded in",
                    options, stderr));
            }
            else
            {
                foreach (int seed in options.Seeds)
                {
                    var split = HoldoutSplitter.Split(ratings, holdout, seed, foldIn);
                    runs.Add(EvalSeedRunner.Run(split, seed,
                        $"{Path.GetFileName(ratingsPath)}: {holdout:0.##} of each user's ratings held out, seed {seed}, {foldIn:0.##} of users folded in",
                        options, stderr));
                }
            }
        }
        else
        {
            string trainPath = options.Train!, testPath = options.Test!;
            var split = HoldoutSplitter.FromFiles(RatingsFile.Read(trainPath), RatingsFile.Read(testPath));
            runs.Add(EvalSeedRunner.Run(split, options.Seed,
                $"train {Path.GetFileName(trainPath)}, test {Path.GetFileName(testPath)} ({split.SkippedTestUsers} test users absent from training skipped)",
                options, stderr));
        }

        var report = new EvalReport(Settings(options), runs, Summarise(runs, r => r.Trained), Summarise(runs, r => r.FoldedIn));
        if (options.Json)
            stdout.WriteLine(JsonSerializer.Serialize(report, EvalJsonContext.Default.EvalReport));
        else
            EvalTable.Print(report, stdout);
        return 0;
    }

    private static List<RankingSummary> Summarise(List<EvalSeedRun> runs, Func<EvalSeedRun, IReadOnlyList<RankingMetrics>> rows)
    {
        if (rows(runs[0]).Count == 0)
            return [];
        return rows(runs[0]).Select((_, i) => RankingSummary.Of(runs.Select(r => rows(r)[i]).ToList())).ToList();
    }

    // The seeds as given: a --validate run reports on seed + 1, the seed its validation split is carved with.
    private static EvalSettings Settings(EvalArguments options)
    {
        var training = options.Training;
        var w = options.Weights;
        return new EvalSettings(options.Ratings, options.Train, options.Test, options.Ratings is null ? null : options.Holdout,
            options.ValidationHoldout, options.Seeds, options.Tune, options.Validate, options.K, options.FoldInUsers, training.Pipeline.Components,
            training.SelectRanking ? [.. training.RankCandidates] : [training.RankingRank],
            training.SelectRanking ? [.. training.DebiasCandidates] : [training.PopularityDebias],
            training.NeighbourPenalty, training.NeighbourCount, [w.Svd, w.Cluster, w.Popularity, w.Neighbours],
            EvalSeedRunner.PureSvdRanks, EvalSeedRunner.Rp3Alphas, EvalSeedRunner.Rp3Betas, EvalSeedRunner.Rp3Neighbours,
            EvalSeedRunner.EaseLambdas, EvalSeedRunner.EaseItemCap);
    }

    /// <summary>Films with at least one training rating: the denominator of coverage.</summary>
    public static int CatalogueSize(EvalSplit split)
    {
        int n = 0;
        for (int f = 0; f < split.Train.FilmCount; f++)
        {
            if (split.Train.RatingCountOf(f) > 0)
                n++;
        }
        return n;
    }
}
