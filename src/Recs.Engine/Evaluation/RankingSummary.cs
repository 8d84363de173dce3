namespace Recs.Engine.Evaluation;

/// <summary>
/// One ranker's metrics over several seeds: means and sample standard deviations (n − 1; 0 for one seed) of
/// NDCG@k, Precision@k and Recall@k, the mean coverage and the mean number of users evaluated.
/// </summary>
public sealed record RankingSummary(
    string Ranker, int K, int Seeds, double NdcgMean, double NdcgStd, double PrecisionMean, double PrecisionStd,
    double RecallMean, double RecallStd, double CoverageMean, double UsersMean)
{
    /// <summary>Summarises the runs of one ranker (one <see cref="RankingMetrics"/> per seed); throws ArgumentException when there is none.</summary>
    public static RankingSummary Of(IReadOnlyList<RankingMetrics> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
            throw new ArgumentException("no run to summarise", nameof(runs));
        var (ndcg, ndcgStd) = MeanAndStd(runs.Select(r => r.Ndcg));
        var (precision, precisionStd) = MeanAndStd(runs.Select(r => r.Precision));
        var (recall, recallStd) = MeanAndStd(runs.Select(r => r.Recall));
        return new RankingSummary(runs[0].Ranker, runs[0].K, runs.Count, ndcg, ndcgStd, precision, precisionStd, recall, recallStd,
            runs.Average(r => r.Coverage), runs.Average(r => (double)r.Users));
    }

    private static (double Mean, double Std) MeanAndStd(IEnumerable<double> values)
    {
        var list = values.ToList();
        double mean = list.Average();
        if (list.Count < 2)
            return (mean, 0);
        double squares = list.Sum(v => (v - mean) * (v - mean));
        return (mean, System.Math.Sqrt(squares / (list.Count - 1)));
    }
}
