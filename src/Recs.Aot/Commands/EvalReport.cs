using Recs.Engine.Evaluation;

namespace Recs.Aot.Commands;

/// <summary>What `recs eval --json` prints: the setup, the trained model's shape, and metrics per ranker for trained and folded-in users.</summary>
internal sealed record EvalReport(
    string Setup, int K, int TrainUsers, int Films, int TrainRatings, int Clusters, int TasteRank, int RankingRank,
    float[] Weights, double TrainSeconds, IReadOnlyList<RankingMetrics> Trained, IReadOnlyList<RankingMetrics> FoldedIn);
