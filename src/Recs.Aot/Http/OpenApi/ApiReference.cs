using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Recs.Aot.Http.OpenApi;

/// <summary>
/// The machine-readable description of the HTTP API (<c>/openapi/v1.json</c>, OpenAPI 3.1) and the interactive reference
/// over it (<c>/docs</c>). Both are public reads, outside the rate-limited <c>/api</c> group: they show what the README
/// already says, and the document is generated once and then served from memory.
/// </summary>
public static class ApiReference
{
    public const string DocumentName = "v1";

    /// <summary>Where the document is served.</summary>
    public const string DocumentPath = "/openapi/" + DocumentName + ".json";

    /// <summary>Where the interactive reference is served.</summary>
    public const string DocsPath = "/docs";

    /// <summary>Registers the document generator with the transformers that describe what endpoint metadata cannot.</summary>
    public static IServiceCollection AddApiReference(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.AddDocumentTransformer(ServiceDescription.TransformAsync);
            options.AddOperationTransformer(UsernameParameter.TransformAsync);
            options.AddOperationTransformer(RateLimitedResponses.TransformAsync);
            options.AddOperationTransformer(OperatorSecurity.TransformAsync);
        });
        // The web defaults also read numbers written as strings, which the schemas would then show as "integer or
        // string"; the service reads no JSON bodies, and every number it writes is a JSON number.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        services.AddSingleton<OpenApiDocumentCache>();
        return services;
    }

    /// <summary>Maps <see cref="DocumentPath"/> and <see cref="DocsPath"/>; neither appears in the document itself.</summary>
    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapGet(DocumentPath, static (OpenApiDocumentCache document, HttpContext http) => document.WriteAsync(http))
            .ExcludeFromDescription();
        app.MapScalarApiReference(DocsPath, static options => options
            .WithTitle("Recs API reference")
            .WithOpenApiRoutePattern(DocumentPath)
            // The document names no server (it is generated once, for any host); examples address the page's own origin.
            .WithDynamicBaseServerUrl(true)
            // Offline by construction: the page's script is the one embedded in the package and served by this
            // binary; the web fonts (a CDN), telemetry, the AI chat and the MCP hook would each reach the internet.
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .WithDefaultHttpClient(ScalarTarget.Shell, ScalarClient.Curl));
        return app;
    }
}
