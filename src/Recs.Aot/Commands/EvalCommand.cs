using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Recs.Engine.Evaluation;
using Recs.Engine.Model;
using Recs.Engine.Training;

namespace Recs.Aot.Commands;

/// <summary>
/// `recs eval …`: measures ranking quality (precision, recall, NDCG@k) on held-out ratings for global popularity,
/// cluster popularity, the neighbourhood recommender, pure SVD and the shipped blend; `--tune` grid-searches the
/// blend weights on a validation split carved out of the training part instead.
/// </summary>
internal static class EvalCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        var options = Parse(args);
        var clock = Stopwatch.StartNew();
        EvalSplit split;
        string setup;
        if (options.TryGetValue("ratings", out var ratingsPath))
        {
            double holdout = Number(options, "holdout", 0.2);
            int seed = (int)Number(options, "seed", 1);
            double foldIn = Number(options, "fold-in-users", 0);
            var ratings = RatingsFile.Read(ratingsPath);
            if (options.ContainsKey("tune") || options.ContainsKey("validate"))
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
                if (options.ContainsKey("tune"))
                    return Task.FromResult(Tune(HoldoutSplitter.Split(trainOnly, holdout, seed + 1), options));
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
        else if (options.TryGetValue("train", out var trainPath) && options.TryGetValue("test", out var testPath))
        {
            split = HoldoutSplitter.FromFiles(RatingsFile.Read(trainPath), RatingsFile.Read(testPath));
            setup = $"train {Path.GetFileName(trainPath)}, test {Path.GetFileName(testPath)} ({split.SkippedTestUsers} test users absent from training skipped)";
        }
        else
            throw new UsageException("give --train <csv> --test <csv>, or --ratings <csv> --holdout 0.2 --seed 1");

        int k = (int)Number(options, "k", 10);
        var weights = Weights(options);
        Console.Error.WriteLine($"recs eval: data ready in {clock.Elapsed.TotalSeconds:0.0}s; training…");
        var trainClock = Stopwatch.StartNew();
        var model = ModelTrainer.Train(split.Train, TrainingOptions(options), DateTimeOffset.UtcNow);
        double trainSeconds = trainClock.Elapsed.TotalSeconds;
        int popular = Array.IndexOf(model.FilmCounts, model.FilmCounts.Max());
        double beta = model.FilmCounts[popular] > 1 ? -System.Math.Log(model.RankingScales[popular]) / System.Math.Log(model.FilmCounts[popular]) : 0;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"recs eval: ranking SVD rank {model.RankingRank}, popularity debiasing β {beta:0.##}"));
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
        if (options.ContainsKey("json"))
            Console.WriteLine(JsonSerializer.Serialize(report, EvalJsonContext.Default.EvalReport));
        else
            PrintTable(report);
        return Task.FromResult(0);
    }

    private static int Tune(EvalSplit validation, Dictionary<string, string> options)
    {
        int k = (int)Number(options, "k", 10);
        var model = ModelTrainer.Train(validation.Train, TrainingOptions(options), DateTimeOffset.UtcNow);
        int catalogue = CatalogueSize(validation);
        Console.WriteLine($"validation: {validation.Trained.Count} users, k = {model.ClusterCount} clusters, ranking rank {model.RankingRank}");
        Console.WriteLine("svd\tcluster\tpopularity\tNDCG@k\tP@k\tR@k\tcoverage");
        float[] clusterGrid = [0f, 0.02f, 0.05f, 0.1f, 0.2f, 0.4f];
        float[] popularityGrid = [-0.1f, 0f, 0.05f, 0.1f, 0.2f, 0.4f];
        (double Ndcg, float C, float P) best = (-1, 0, 0);
        foreach (float c in clusterGrid)
        {
            foreach (float p in popularityGrid)
            {
                var m = Evaluator.Evaluate("blend", Rankers.Blend(model, Weights(options) with { Svd = 1f, Cluster = c, Popularity = p }), validation.Trained, k, catalogue);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"1\t{c}\t{p}\t{m.Ndcg:0.0000}\t{m.Precision:0.0000}\t{m.Recall:0.0000}\t{m.Coverage:0.000}"));
                if (m.Ndcg > best.Ndcg)
                    best = (m.Ndcg, c, p);
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best: svd 1, cluster {best.C}, popularity {best.P}: NDCG@{k} {best.Ndcg:0.0000}"));
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

    private static ModelTrainingOptions TrainingOptions(Dictionary<string, string> options) => new()
    {
        Pipeline = new TrainingOptions { Components = (int)Number(options, "components", new TrainingOptions().Components) },
        RankingRank = (int)Number(options, "ranking-rank", new ModelTrainingOptions().RankingRank),
        PopularityDebias = Number(options, "debias", new ModelTrainingOptions().PopularityDebias),
        // Giving --ranking-rank or --debias fixes them; otherwise both are chosen by validation inside training.
        SelectRanking = !options.ContainsKey("ranking-rank") && !options.ContainsKey("debias"),
    };

    private static BlendWeights Weights(Dictionary<string, string> options)
    {
        if (!options.TryGetValue("weights", out var text))
            return BlendWeights.Default with { Neighbours = (float)Number(options, "neighbours", BlendWeights.Default.Neighbours) };
        var parts = text.Split(',');
        if (parts.Length != 3)
            throw new UsageException("--weights takes svd,cluster,popularity");
        float W(int i) => float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out float v) ? v
            : throw new UsageException($"--weights: '{parts[i]}' is not a number");
        return new BlendWeights(W(0), W(1), W(2)) { Neighbours = Number(options, "neighbours", BlendWeights.Default.Neighbours) is var n ? (float)n : 0 };
    }

    private static void PrintTable(EvalReport report)
    {
        Console.WriteLine(report.Setup);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"train: {report.TrainUsers} users, {report.Films} films, {report.TrainRatings} ratings; k = {report.Clusters} clusters; ranks {report.TasteRank}/{report.RankingRank}; weights {string.Join('/', report.Weights)}; trained in {report.TrainSeconds:0.00}s"));
        foreach (var (title, rows) in new[] { ("trained users", report.Trained), ("folded-in users", report.FoldedIn) })
        {
            if (rows.Count == 0)
                continue;
            Console.WriteLine($"\n{title} ({rows[0].Users} evaluated)");
            Console.WriteLine($"| ranker | P@{report.K} | R@{report.K} | NDCG@{report.K} | coverage |");
            Console.WriteLine("| --- | --- | --- | --- | --- |");
            foreach (var m in rows)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {m.Ranker} | {m.Precision:0.0000} | {m.Recall:0.0000} | {m.Ndcg:0.0000} | {m.Coverage:0.000} |"));
        }
    }

    private static double Number(Dictionary<string, string> options, string name, double fallback)
    {
        if (!options.TryGetValue(name, out var text))
            return fallback;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v
            : throw new UsageException($"--{name}: '{text}' is not a number");
    }

    private static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new UsageException($"unexpected argument '{args[i]}'");
            string name = args[i][2..];
            if (name is "json" or "tune" or "validate")
                options[name] = "true";
            else if (i + 1 < args.Length)
                options[name] = args[++i];
            else
                throw new UsageException($"--{name} needs a value");
        }
        return options;
    }
}
