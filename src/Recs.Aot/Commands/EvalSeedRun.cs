using Recs.Engine.Evaluation;

namespace Recs.Aot.Commands;

/// <summary>
/// One split of a `recs eval` run: its seed, the trained model's shape, the values chosen on validation (ranking rank
/// and β inside training; RP3β's α and β and EASE's λ on a validation split of the training part; EASE's film count,
/// the share of training ratings those films hold, and its selection-and-fit time) and the test metrics per ranker.
/// </summary>
internal sealed record EvalSeedRun(
    int Seed, string Setup, int TrainUsers, int Films, int TrainRatings, int Clusters, int TasteRank, int RankingRank,
    double Debias, double Rp3Alpha, double Rp3Beta, double Rp3ValidationNdcg,
    double EaseLambda, double EaseValidationNdcg, int EaseFilms, double EaseRatingShare, double EaseSeconds, double TrainSeconds,
    IReadOnlyList<RankingMetrics> Trained, IReadOnlyList<RankingMetrics> FoldedIn);
