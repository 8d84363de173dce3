using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Recs.Aot.Http.OpenApi;

/// <summary>Adds RFC 9457 problem+json responses to an operation, all pointing at the one ProblemDetails schema.</summary>
internal static class ProblemResponses
{
    public const string MediaType = "application/problem+json";

    private const string SchemaId = nameof(ProblemDetails);

    /// <summary>
    /// Adds (or redescribes) the response for <paramref name="status"/> as problem+json; <paramref name="retryAfter"/>
    /// documents the Retry-After header the service sets with it.
    /// </summary>
    public static async Task AddAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status,
        string description, bool retryAfter = false, CancellationToken ct = default)
    {
        var reference = await SchemaAsync(context, ct);
        operation.Responses ??= [];
        string key = status.ToString(CultureInfo.InvariantCulture);
        // Two causes of one status (the rate limiter's 429 and the upload slots' 429) are both told; a bare reason
        // phrase, which is what endpoint metadata gives, is replaced.
        if (operation.Responses.TryGetValue(key, out var existing) && existing.Description is { Length: > 0 } said
            && said != ReasonPhrases.GetReasonPhrase(status) && said != description)
            description = said + " Or: " + description;
        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [MediaType] = new() { Schema = reference } },
        };
        if (retryAfter)
            response.Headers = new Dictionary<string, IOpenApiHeader> { [RetryAfter.Name] = RetryAfter.Header() };
        operation.Responses[key] = response;
    }

    // The schema is registered once in the document's components; every problem response refers to it.
    private static async Task<OpenApiSchemaReference> SchemaAsync(OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var document = context.Document!;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(SchemaId))
            document.Components.Schemas[SchemaId] = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, ct);
        return new OpenApiSchemaReference(SchemaId, document);
    }
}
