using System.Text.Encodings.Web;
using System.Text.Json;
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
[JsonSerializable(typeof(RetrainResponse))]
[JsonSerializable(typeof(RatingsUploadResponse))]
[JsonSerializable(typeof(SimilarFilmsResponse))]
[JsonSerializable(typeof(RankRequest))]
[JsonSerializable(typeof(RankResponse))]
[JsonSerializable(typeof(GroupResponse))]
public sealed partial class RecsJsonContext : JsonSerializerContext
{
    /// <summary>The options every response uses: snake_case, and UTF-8 text (★, accents) written as is rather than \u-escaped.</summary>
    public static JsonSerializerOptions WebOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The context bound to <see cref="WebOptions"/>.</summary>
    public static RecsJsonContext Web { get; } = new(WebOptions);
}
