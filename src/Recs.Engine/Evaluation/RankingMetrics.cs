namespace Recs.Engine.Evaluation;

/// <summary>Averages over evaluated users of Precision@k, Recall@k and NDCG@k, plus catalogue coverage of all lists.</summary>
public sealed record RankingMetrics(string Ranker, int K, double Precision, double Recall, double Ndcg, double Coverage, int Users);
