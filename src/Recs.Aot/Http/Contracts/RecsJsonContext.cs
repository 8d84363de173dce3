using System.Text.Json.Serialization;

namespace Recs.Aot.Http.Contracts;

/// <summary>Source-generated serialisers for every payload (snake_case), so no reflection runs in the AOT binary.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RecommendationResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(MemoryResponse))]
[JsonSerializable(typeof(UserTestResponse))]
[JsonSerializable(typeof(CacheResponse))]
[JsonSerializable(typeof(PreloadResponse))]
[JsonSerializable(typeof(DebugResponse))]
public sealed partial class RecsJsonContext : JsonSerializerContext;
