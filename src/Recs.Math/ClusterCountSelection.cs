namespace Recs.Math;

/// <summary>Outcome of a cluster-count scan: every candidate's score, ascending by count, and the winning clustering.</summary>
public sealed record ClusterCountSelection(IReadOnlyList<ClusterCountScore> Scores, int BestClusterCount, KMeansResult Best);
