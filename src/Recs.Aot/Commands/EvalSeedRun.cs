using Recs.Engine.Evaluation;

namespace Recs.Aot.Commands;

/// <summary>
/// One split of a `recs eval` run: its seed, the trained model's shape, the values chosen on validation (ranking rank
/// and β inside training; RP3β's α and β on a validation split of the training part) and the test metrics per ranker.
/// </summary>
internal sealed record EvalSeedRun(
    int Seed, string Setup, int TrainUsers, int Films, int TrainRatings, int Clusters, int TasteRank, int RankingRank,
    double Debias, double Rp3Alpha, double Rp3Beta, double Rp3ValidationNdcg, double TrainSeconds,
    IReadOnlyList<RankingMetrics> Trained, IReadOnlyList<RankingMetrics> FoldedIn);
