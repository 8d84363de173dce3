using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Recs.Engine.Evaluation;
using Recs.Engine.Model;

namespace Recs.Aot.Commands;

/// <summary>
/// `recs eval …`: measures ranking quality (precision, recall, NDCG@k) on held-out ratings for global popularity,
/// cluster popularity, the neighbourhood recommender, pure SVD and the shipped blend; `--tune` grid-searches the
/// blend weights on a validation split carved out of the training part instead.
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
        EvalSplit split;
        string setup;
        if (options.Ratings is { } ratingsPath)
        {
            double holdout = options.Holdout;
            int seed = options.Seed;
            double foldIn = options.FoldInUsers;
            var ratings = RatingsFile.Read(ratingsPath);
            if (options.Tune || options.Validate)
            {
                // Validation: hold out the same fraction again from the training part, so the test ratings are never seen.
                var first = HoldoutSplitter.Split(ratings, holdout, seed);
                var trainOnly = new List<RatingTriple>();
                var data = first.Train;
                for (int u = 0; u < data.UserCount; u++)
                {
                    var films = data.FilmsOf(u);
                    var stars = data.StarsOf(u);
                    for (int i = 0; i < films.Length; i++)
                        trainOnly.Add(new RatingTriple(data.Users[u], data.Films[films[i]].Slug, stars[i]));
                }
                if (options.Tune)
                    return Tune(HoldoutSplitter.Split(trainOnly, holdout, seed + 1), options, stdout);
                // --validate: the usual comparison table, but on the validation split (for choosing ranks and β).
                split = HoldoutSplitter.Split(trainOnly, holdout, seed + 1, foldIn);
                setup = $"{Path.GetFileName(ratingsPath)}: validation split of the training part ({holdout:0.##} held out again, seed {seed + 1}), {foldIn:0.##} of users folded in";
            }
            else
            {
                split = HoldoutSplitter.Split(ratings, holdout, seed, foldIn);
                setup = $"{Path.GetFileName(ratingsPath)}: {holdout:0.##} of each user's ratings held out, seed {seed}, {foldIn:0.##} of users folded in";
            }
        }
        else
        {
            string trainPath = options.Train!, testPath = options.Test!;
            split = HoldoutSplitter.FromFiles(RatingsFile.Read(trainPath), RatingsFile.Read(testPath));
            setup = $"train {Path.GetFileName(trainPath)}, test {Path.GetFileName(testPath)} ({split.SkippedTestUsers} test users absent from training skipped)";
        }

        int k = options.K;
        var weights = options.Weights;
        stderr.WriteLine($"recs eval: data ready in {clock.Elapsed.TotalSeconds:0.0}s; training…");
        var trainClock = Stopwatch.StartNew();
        var model = ModelTrainer.Train(split.Train, options.Training, DateTimeOffset.UtcNow);
        double trainSeconds = trainClock.Elapsed.TotalSeconds;
        int popular = Array.IndexOf(model.FilmCounts, model.FilmCounts.Max());
        double beta = model.FilmCounts[popular] > 1 ? -System.Math.Log(model.RankingScales[popular]) / System.Math.Log(model.FilmCounts[popular]) : 0;
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"recs eval: ranking SVD rank {model.RankingRank}, popularity debiasing β {beta:0.##}"));
        int catalogue = CatalogueSize(split);
        var rankers = new (string Name, EvalRanker Ranker)[]
        {
            ("popularity", Rankers.Popularity(split.Train)),
            ("cluster popularity", Rankers.ClusterPopularity(model)),
            ("neighbourhood (user kNN)", Rankers.Neighbourhood(split.Train)),
            ("pure SVD (raw)", Rankers.Blend(model, BlendWeights.PureSvd)),
            ("blend (shipped)", Rankers.Blend(model, weights)),
        };
        var trained = rankers.Select(r => Evaluator.Evaluate(r.Name, r.Ranker, split.Trained, k, catalogue)).ToList();
        var folded = split.FoldedIn.Count == 0 ? [] : rankers.Select(r => Evaluator.Evaluate(r.Name, r.Ranker, split.FoldedIn, k, catalogue)).ToList();

        var report = new EvalReport(setup, k, split.Train.UserCount, catalogue, split.Train.RatingCount, model.ClusterCount,
            model.TasteRank, model.RankingRank, [weights.Svd, weights.Cluster, weights.Popularity], System.Math.Round(trainSeconds, 2), trained, folded);
        if (options.Json)
            stdout.WriteLine(JsonSerializer.Serialize(report, EvalJsonContext.Default.EvalReport));
        else
            PrintTable(report, stdout);
        return 0;
    }

    private static int Tune(EvalSplit validation, EvalArguments options, TextWriter stdout)
    {
        int k = options.K;
        var model = ModelTrainer.Train(validation.Train, options.Training, DateTimeOffset.UtcNow);
        int catalogue = CatalogueSize(validation);
        stdout.WriteLine($"validation: {validation.Trained.Count} users, k = {model.ClusterCount} clusters, ranking rank {model.RankingRank}");
        stdout.WriteLine("svd\tcluster\tpopularity\tNDCG@k\tP@k\tR@k\tcoverage");
        float[] clusterGrid = [0f, 0.02f, 0.05f, 0.1f, 0.2f, 0.4f];
        float[] popularityGrid = [-0.1f, 0f, 0.05f, 0.1f, 0.2f, 0.4f];
        (double Ndcg, float C, float P) best = (-1, 0, 0);
        foreach (float c in clusterGrid)
        {
            foreach (float p in popularityGrid)
            {
                var m = Evaluator.Evaluate("blend", Rankers.Blend(model, options.Weights with { Svd = 1f, Cluster = c, Popularity = p }), validation.Trained, k, catalogue);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"1\t{c}\t{p}\t{m.Ndcg:0.0000}\t{m.Precision:0.0000}\t{m.Recall:0.0000}\t{m.Coverage:0.000}"));
                if (m.Ndcg > best.Ndcg)
                    best = (m.Ndcg, c, p);
            }
        }
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best: svd 1, cluster {best.C}, popularity {best.P}: NDCG@{k} {best.Ndcg:0.0000}"));
        return 0;
    }

    private static int CatalogueSize(EvalSplit split)
    {
        int n = 0;
        for (int f = 0; f < split.Train.FilmCount; f++)
        {
            if (split.Train.RatingCountOf(f) > 0)
                n++;
        }
        return n;
    }

    private static void PrintTable(EvalReport report, TextWriter stdout)
    {
        stdout.WriteLine(report.Setup);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"train: {report.TrainUsers} users, {report.Films} films, {report.TrainRatings} ratings; k = {report.Clusters} clusters; ranks {report.TasteRank}/{report.RankingRank}; weights {string.Join('/', report.Weights)}; trained in {report.TrainSeconds:0.00}s"));
        foreach (var (title, rows) in new[] { ("trained users", report.Trained), ("folded-in users", report.FoldedIn) })
        {
            if (rows.Count == 0)
                continue;
            stdout.WriteLine($"\n{title} ({rows[0].Users} evaluated)");
            stdout.WriteLine($"| ranker | P@{report.K} | R@{report.K} | NDCG@{report.K} | coverage |");
            stdout.WriteLine("| --- | --- | --- | --- | --- |");
            foreach (var m in rows)
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {m.Ranker} | {m.Precision:0.0000} | {m.Recall:0.0000} | {m.Ndcg:0.0000} | {m.Coverage:0.000} |"));
        }
    }
}
