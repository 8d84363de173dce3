namespace Recs.Engine.Evaluation;

/// <summary>The mean similarity of a sample of user pairs, by two measures: taste-vector cosine and liked-film Jaccard.</summary>
public readonly record struct PairSimilarity(int Pairs, double MeanCosine, double MeanJaccard);
