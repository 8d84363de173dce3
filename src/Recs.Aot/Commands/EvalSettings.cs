namespace Recs.Aot.Commands;

/// <summary>Every setting a `recs eval` run used, echoed in its JSON so the figures can be regenerated.</summary>
internal sealed record EvalSettings(
    string? Ratings, string? Train, string? Test, double Holdout, int[] Seeds, int K, double FoldInUsers, int TasteComponents,
    int[] RankingRankGrid, double[] DebiasGrid, double NeighbourPenalty, int ItemNeighbours, float[] BlendWeights,
    int[] PureSvdRanks, double[] Rp3AlphaGrid, double[] Rp3BetaGrid, int Rp3Neighbours, double[] EaseLambdaGrid, int EaseFilmCap);
