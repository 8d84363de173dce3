using Recs.Aot.Http.Contracts;

namespace Recs.Aot.Recommendations;

/// <summary>A user's full computed list (up to the maximum limit) and the model version that produced it.</summary>
public sealed record CachedRecommendations(string ModelVersion, RecommendationItem[] Items, DateTimeOffset ComputedAt);
