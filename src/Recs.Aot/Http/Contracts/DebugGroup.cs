namespace Recs.Aot.Http.Contracts;

/// <summary>The taste group a user folds into: its id as listed by /api/clusters and its trained members.</summary>
public sealed record DebugGroup(string Id, int Size);
