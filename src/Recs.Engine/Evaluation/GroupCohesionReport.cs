namespace Recs.Engine.Evaluation;

/// <summary>
/// What <see cref="GroupCohesion.Measure"/> found: the group sizes, and the mean similarity of pairs drawn within a
/// taste group, within a top-level cluster, and anywhere.
/// </summary>
public sealed record GroupCohesionReport(
    int Groups, int SmallestGroup, double MedianGroup, int LargestGroup,
    PairSimilarity WithinGroup, PairSimilarity WithinCluster, PairSimilarity Random);
