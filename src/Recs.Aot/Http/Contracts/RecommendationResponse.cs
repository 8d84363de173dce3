namespace Recs.Aot.Http.Contracts;

/// <summary>The body of /api/recomendacoes/{username}; mode is ultra_fast, computed, fallback or error.</summary>
public sealed record RecommendationResponse(
    string Username, string Mode, double ElapsedMs, string? ModelVersion, IReadOnlyList<RecommendationItem> Items, string? Note);
