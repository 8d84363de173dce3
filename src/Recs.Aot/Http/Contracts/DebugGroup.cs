namespace Recs.Aot.Http.Contracts;

/// <summary>
/// The taste group a user folds into: its id as listed by /api/clusters, its trained members and its own silhouette
/// (null for a cluster that was not split), the same values /api/clusters lists for it.
/// </summary>
public sealed record DebugGroup(string Id, int Size, double? Silhouette);
