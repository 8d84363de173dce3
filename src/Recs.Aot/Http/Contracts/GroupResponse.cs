namespace Recs.Aot.Http.Contracts;

/// <summary>
/// The body of GET /api/recomendacoes/group: films none of the members rated or excluded, best group score first;
/// <c>aggregation</c> states how the score is made from the members' fits, and <c>members</c> the score range each
/// member's fit is normalised over.
/// </summary>
public sealed record GroupResponse(
    IReadOnlyList<string> Users, string Mode, double ElapsedMs, string? ModelVersion, string Aggregation,
    IReadOnlyList<GroupMember> Members, IReadOnlyList<GroupItem> Items);
