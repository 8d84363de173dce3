using System.Diagnostics;
using System.Globalization;
using Recs.Engine.Evaluation;
using Recs.Engine.Model;

namespace Recs.Aot.Commands;

/// <summary>
/// Runs every ranker of `recs eval` on one split: trains the shipped model, fits the baselines (tuning RP3β's α, β and
/// EASE's λ on a validation split carved from the training part only), then reads the test ratings once for the metrics.
/// </summary>
internal static class EvalSeedRunner
{
    public static readonly int[] PureSvdRanks = [20, 50];
    public static readonly double[] Rp3Alphas = [0.5, 0.75, 1.0];
    public static readonly double[] Rp3Betas = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0];
    public const int Rp3Neighbours = 100;
    // Log-spaced by √10 so that both the 600-person MovieLens set and the 4 000-person Letterboxd set, whose co-rating
    // counts differ tenfold, have their best λ inside the grid rather than at an edge (3 000, the former top, was the
    // choice on three of five Letterboxd seeds, and β = 0.6 on every one, hence the two upper values of each).
    public static readonly double[] EaseLambdas = [10, 30, 100, 300, 1000, 3000, 10000, 30000];
    public const int EaseItemCap = EaseRanker.DefaultItemCap;

    /// <summary>The ranker the service ships.</summary>
    public const string Shipped = "blend (shipped)";

    /// <summary>
    /// The rankers the shipped one is measured against: every one of the report except the blend and its own parts
    /// (cluster popularity and the debiased ranking SVD alone).
    /// </summary>
    public static readonly string[] Baselines =
        ["popularity", "neighbourhood (user kNN)", .. PureSvdRanks.Select(PureSvdName), "RP3β", "EASE"];

    private static string PureSvdName(int rank) => $"PureSVD {rank} (raw ratings)";

    /// <summary>Evaluates <paramref name="split"/>; <paramref name="seed"/> + 1 seeds the validation carving, progress goes to <paramref name="stderr"/>.</summary>
    public static EvalSeedRun Run(EvalSplit split, int seed, string setup, EvalArguments options, TextWriter stderr)
    {
        int k = options.K;
        var weights = options.Weights;
        stderr.WriteLine($"recs eval: seed {seed}: training…");
        var trainClock = Stopwatch.StartNew();
        var model = ModelTrainer.Train(split.Train, options.Training, DateTimeOffset.UtcNow);
        double trainSeconds = trainClock.Elapsed.TotalSeconds;
        int popular = Array.IndexOf(model.FilmCounts, model.FilmCounts.Max());
        double beta = model.FilmCounts[popular] > 1 ? -System.Math.Log(model.RankingScales[popular]) / System.Math.Log(model.FilmCounts[popular]) : 0;

        var validation = HoldoutSplitter.Validation(split.Train, options.ValidationHoldout, seed + 1);
        var rp3 = Rp3BetaRanker.Select(validation, Rp3Alphas, Rp3Betas, k, Rp3Neighbours);
        var easeClock = Stopwatch.StartNew();
        var ease = EaseRanker.Select(validation, EaseLambdas, k, EaseItemCap);
        var easeModel = EaseRanker.Fit(split.Train, ease.Lambda, EaseItemCap);
        double easeSeconds = easeClock.Elapsed.TotalSeconds;
        long covered = 0;
        foreach (int f in easeModel.Items)
            covered += split.Train.FilmCounts[f];
        double easeShare = covered / (double)split.Train.RatingCount;
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"recs eval: seed {seed}: ranking SVD rank {model.RankingRank}, β {beta:0.##}; RP3β α {rp3.Alpha}, β {rp3.Beta} (validation NDCG@{k} {rp3.Ndcg:0.0000}); EASE λ {ease.Lambda} (validation NDCG@{k} {ease.Ndcg:0.0000}) on {easeModel.ItemCount} films holding {easeShare:P1} of training ratings, {easeSeconds:0.0}s"));
        var rankers = new List<(string Name, EvalRanker Ranker)>
        {
            ("popularity", Rankers.Popularity(split.Train)),
            ("cluster popularity", Rankers.ClusterPopularity(model)),
            ("neighbourhood (user kNN)", Rankers.Neighbourhood(split.Train)),
        };
        foreach (int rank in PureSvdRanks)
            rankers.Add((PureSvdName(rank), PureSvdRanker.Fit(split.Train, rank).AsRanker()));
        rankers.Add(("RP3β", Rp3BetaRanker.Fit(split.Train, rp3.Alpha, [rp3.Beta], Rp3Neighbours)[0].AsRanker()));
        rankers.Add(("EASE", easeModel.AsRanker()));
        rankers.Add(("ranking SVD alone (debiased)", Rankers.Blend(model, BlendWeights.PureSvd)));
        rankers.Add((Shipped, Rankers.Blend(model, weights)));

        int catalogue = EvalCommand.CatalogueSize(split);
        var trained = rankers.Select(r => Evaluator.Evaluate(r.Name, r.Ranker, split.Trained, k, catalogue)).ToList();
        var folded = split.FoldedIn.Count == 0 ? [] : rankers.Select(r => Evaluator.Evaluate(r.Name, r.Ranker, split.FoldedIn, k, catalogue)).ToList();
        return new EvalSeedRun(seed, setup, split.Train.UserCount, catalogue, split.Train.RatingCount, model.ClusterCount,
            model.TasteRank, model.RankingRank, System.Math.Round(beta, 3), rp3.Alpha, rp3.Beta, rp3.Ndcg,
            ease.Lambda, ease.Ndcg, easeModel.ItemCount, System.Math.Round(easeShare, 4), System.Math.Round(easeSeconds, 2), System.Math.Round(trainSeconds, 2), trained, folded);
    }
}
