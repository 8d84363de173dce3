namespace Recs.Aot.Commands;

/// <summary>One point of the `recs eval --tune` grid: the blend weights tried and the validation metrics at k they reached.</summary>
internal sealed record EvalTuneRow(float Svd, float Cluster, float Popularity, float Neighbours, double Ndcg, double Precision, double Recall, double Coverage);
