namespace Recs.Aot.Commands;

/// <summary>What `recs eval --tune --json` prints: the settings, the validation model's shape, every grid point and the best by NDCG@k.</summary>
internal sealed record EvalTuneReport(
    EvalSettings Settings, int ValidationUsers, int Clusters, int RankingRank, IReadOnlyList<EvalTuneRow> Grid, EvalTuneRow Best);
