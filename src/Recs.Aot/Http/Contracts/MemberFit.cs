namespace Recs.Aot.Http.Contracts;

/// <summary>
/// One member's view of a film: their blend score (the score /rank gives the film for them) and its fit in [0, 1],
/// (score − min_score) / (max_score − min_score) over the group's candidates.
/// </summary>
public sealed record MemberFit(string Username, double Score, double Fit);
