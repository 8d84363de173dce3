namespace Recs.Engine.Evaluation;

/// <summary>
/// The lists of one obscurity setting (null: the option left out) over a group of users: the median over users of
/// each top-k list's median rating count, the mean NDCG@k against held-out ratings, and the share of users whose list
/// median is strictly below their list's median at the reference setting (the first one measured).
/// </summary>
public sealed record ObscurityPoint(float? Obscurity, int Users, double MedianPopularity, double Ndcg, double ShareBelowReference);
