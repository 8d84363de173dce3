namespace Recs.Aot.Commands;

/// <summary>
/// Every setting a `recs eval` run used, echoed in its JSON so the figures can be regenerated. <c>Holdout</c> is null
/// with --train/--test, whose split is given; <c>ValidationHoldout</c> is the share carved from the training part to
/// choose the baselines' parameters (and, with --tune or --validate, to report on).
/// </summary>
internal sealed record EvalSettings(
    string? Ratings, string? Train, string? Test, double? Holdout, double ValidationHoldout, int[] Seeds, bool Tune, bool Validate,
    int K, double FoldInUsers, int TasteComponents,
    int[] RankingRankGrid, double[] DebiasGrid, double NeighbourPenalty, int ItemNeighbours, float[] BlendWeights,
    int[] PureSvdRanks, double[] Rp3AlphaGrid, double[] Rp3BetaGrid, int Rp3Neighbours, double[] EaseLambdaGrid, int EaseFilmCap);
