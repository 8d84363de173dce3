namespace Recs.Engine.Evaluation;

/// <summary>
/// How well lists for groups of a given size serve their members, as mean NDCG@k over every member of every group
/// against that member's held-out ratings: the group's list, each member's own list, and the most popular films none
/// of the group rated.
/// </summary>
public sealed record GroupQuality(int Size, int Groups, double GroupNdcg, double IndividualNdcg, double PopularityNdcg);
