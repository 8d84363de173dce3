using System.Globalization;
using System.Text.Json;
using Recs.Engine.Evaluation;
using Recs.Engine.Model;

namespace Recs.Aot.Commands;

/// <summary>
/// `recs eval --tune`: trains once on a validation split of the training part and grid-searches the cluster and
/// popularity weights of the blend (SVD fixed at 1), reporting every point and the best by NDCG@k.
/// </summary>
internal static class EvalWeightTuner
{
    public static readonly float[] ClusterGrid = [0f, 0.02f, 0.05f, 0.1f, 0.2f, 0.4f];
    public static readonly float[] PopularityGrid = [-0.1f, 0f, 0.05f, 0.1f, 0.2f, 0.4f];

    /// <summary>Runs the grid on <paramref name="validation"/> and prints it on <paramref name="stdout"/>, as JSON with --json; returns 0.</summary>
    public static int Run(EvalSplit validation, EvalArguments options, EvalSettings settings, TextWriter stdout)
    {
        int k = options.K;
        var model = ModelTrainer.Train(validation.Train, options.Training, DateTimeOffset.UtcNow);
        int catalogue = EvalCommand.CatalogueSize(validation);
        var grid = new List<EvalTuneRow>(ClusterGrid.Length * PopularityGrid.Length);
        foreach (float c in ClusterGrid)
        {
            foreach (float p in PopularityGrid)
            {
                var weights = options.Weights with { Svd = 1f, Cluster = c, Popularity = p };
                var m = Evaluator.Evaluate("blend", Rankers.Blend(model, weights), validation.Trained, k, catalogue);
                grid.Add(new EvalTuneRow(weights.Svd, c, p, weights.Neighbours, m.Ndcg, m.Precision, m.Recall, m.Coverage));
            }
        }
        // The first of equal NDCGs wins, as the grid is walked from the smallest weights.
        var best = grid.Aggregate((a, b) => b.Ndcg > a.Ndcg ? b : a);
        var report = new EvalTuneReport(settings, validation.Trained.Count, model.ClusterCount, model.RankingRank, grid, best);
        if (options.Json)
            stdout.WriteLine(JsonSerializer.Serialize(report, EvalJsonContext.Default.EvalTuneReport));
        else
            Print(report, k, stdout);
        return 0;
    }

    private static void Print(EvalTuneReport report, int k, TextWriter stdout)
    {
        stdout.WriteLine($"validation: {report.ValidationUsers} users, k = {report.Clusters} clusters, ranking rank {report.RankingRank}");
        stdout.WriteLine("svd\tcluster\tpopularity\tNDCG@k\tP@k\tR@k\tcoverage");
        foreach (var r in report.Grid)
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Svd}\t{r.Cluster}\t{r.Popularity}\t{r.Ndcg:0.0000}\t{r.Precision:0.0000}\t{r.Recall:0.0000}\t{r.Coverage:0.000}"));
        var best = report.Best;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best: svd {best.Svd}, cluster {best.Cluster}, popularity {best.Popularity}: NDCG@{k} {best.Ndcg:0.0000}"));
    }
}
