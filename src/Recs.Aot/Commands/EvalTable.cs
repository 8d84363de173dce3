using System.Globalization;
using Recs.Engine.Evaluation;

namespace Recs.Aot.Commands;

/// <summary>Prints a `recs eval` report as Markdown tables: the settings and each seed's model, then per ranker the mean ± standard deviation over seeds.</summary>
internal static class EvalTable
{
    public static void Print(EvalReport report, TextWriter stdout)
    {
        var s = report.Settings;
        foreach (var run in report.Runs)
        {
            stdout.WriteLine(run.Setup);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  train: {run.TrainUsers} users, {run.Films} films, {run.TrainRatings} ratings; k = {run.Clusters} clusters; ranks {run.TasteRank}/{run.RankingRank}, β {run.Debias}; RP3β α {run.Rp3Alpha}, β {run.Rp3Beta}; EASE λ {run.EaseLambda} on {run.EaseFilms} films ({run.EaseRatingShare:P1} of ratings); trained in {run.TrainSeconds:0.00}s"));
        }
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"blend weights {string.Join('/', s.BlendWeights)}; neighbour penalty λ {s.NeighbourPenalty}; RP3β grid α {{{string.Join(", ", s.Rp3AlphaGrid)}}} × β {{{string.Join(", ", s.Rp3BetaGrid)}}}, {s.Rp3Neighbours} neighbours; EASE grid λ {{{string.Join(", ", s.EaseLambdaGrid)}}}, at most {s.EaseFilmCap} films"));
        int k = s.K;
        foreach (var (title, rows, perSeed) in new[] { ("trained users", report.Trained, report.Runs.Select(r => r.Trained)), ("folded-in users", report.FoldedIn, report.Runs.Select(r => r.FoldedIn)) })
        {
            if (rows.Count == 0)
                continue;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\n{title} ({rows[0].UsersMean:0} evaluated on average, {rows[0].Seeds} seeds; mean ± sd)"));
            stdout.WriteLine($"| ranker | NDCG@{k} | P@{k} | R@{k} | coverage |");
            stdout.WriteLine("| --- | --- | --- | --- | --- |");
            foreach (var m in rows)
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {m.Ranker} | {m.NdcgMean:0.0000} ± {m.NdcgStd:0.0000} | {m.PrecisionMean:0.0000} ± {m.PrecisionStd:0.0000} | {m.RecallMean:0.0000} ± {m.RecallStd:0.0000} | {m.CoverageMean:0.000} |"));
            PrintRatios(rows, perSeed, k, stdout);
        }
    }

    // Shipped / best baseline in mean NDCG, then the same ratio seed by seed against that seed's best baseline.
    private static void PrintRatios(IReadOnlyList<RankingSummary> rows, IEnumerable<IReadOnlyList<RankingMetrics>> perSeed, int k, TextWriter stdout)
    {
        var shipped = rows.FirstOrDefault(r => r.Ranker == EvalSeedRunner.Shipped);
        var best = rows.Where(r => EvalSeedRunner.Baselines.Contains(r.Ranker)).MaxBy(r => r.NdcgMean);
        if (shipped is null || best is null || best.NdcgMean <= 0)
            return;
        var seeds = perSeed.Select(run =>
        {
            var mine = run.First(r => r.Ranker == EvalSeedRunner.Shipped);
            var top = run.Where(r => EvalSeedRunner.Baselines.Contains(r.Ranker)).MaxBy(r => r.Ndcg)!;
            return string.Create(CultureInfo.InvariantCulture, $"{mine.Ndcg / top.Ndcg:0.00} ({top.Ranker})");
        });
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"shipped / best baseline ({best.Ranker}) in mean NDCG@{k}: {shipped.NdcgMean / best.NdcgMean:0.000} × ({shipped.NdcgMean:0.0000} / {best.NdcgMean:0.0000}); per seed against that seed's best baseline: {string.Join(", ", seeds)}"));
    }
}
