namespace Recs.Aot.Http.Contracts;

/// <summary>A film recommended to a group: its group score and, per member in the order asked, their score and fit.</summary>
public sealed record GroupItem(string FilmId, string Title, int? Year, double Score, IReadOnlyList<MemberFit> Fit);
