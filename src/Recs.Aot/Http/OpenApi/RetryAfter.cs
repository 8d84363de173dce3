using Microsoft.OpenApi;

namespace Recs.Aot.Http.OpenApi;

/// <summary>The Retry-After header of 429 and 503 answers, in whole seconds.</summary>
internal static class RetryAfter
{
    public const string Name = "Retry-After";

    public static OpenApiHeader Header() => new()
    {
        Description = "Seconds to wait before trying again.",
        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
    };
}
