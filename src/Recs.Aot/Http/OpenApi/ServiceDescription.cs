using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Recs.Aot.Http.OpenApi;

/// <summary>The document-wide parts: what the service is, its tags, and the bearer credentials its endpoints accept.</summary>
internal static class ServiceDescription
{
    /// <summary>Security scheme of the operator endpoints: the admin token.</summary>
    public const string AdminToken = "adminToken";

    /// <summary>Security scheme of uploads: a person's write token or the service API key.</summary>
    public const string WriteCredential = "writeCredential";

    public static Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Recs",
            Version = "v1",
            Description =
                "Movie recommendations for Letterboxd-style rating data. All JSON is snake_case; every error is an RFC 9457 " +
                "`application/problem+json` body whose `detail` says what to fix. Everything under `/api` is rate limited " +
                "per client address (429 with `Retry-After`). Operator endpoints need `Authorization: Bearer <Recs:AdminToken>`, " +
                "or, with no token configured, a caller on the loopback interface.",
            License = new OpenApiLicense { Name = "MIT" },
        };
        // Operations name their tags; the document adds what each one is for.
        document.Tags ??= new HashSet<OpenApiTag>();
        Describe(document.Tags, ApiTags.Probes, "Liveness and readiness for load balancers and platforms.");
        Describe(document.Tags, ApiTags.Recommendations, "Films a person will probably like, with a reason for each.");
        Describe(document.Tags, ApiTags.Uploads, "Bring a Letterboxd export; the person is folded into the model at once.");
        Describe(document.Tags, ApiTags.Operator, "Inspection and control for whoever runs the service.");
        document.Components ??= new OpenApiComponents();
        if (document.Components.Schemas is { } schemas
            && schemas.TryGetValue(nameof(Microsoft.AspNetCore.Mvc.ProblemDetails), out var schema) && schema is OpenApiSchema problem)
            problem.Description = "RFC 9457 problem details: `type` is a stable URI per kind of problem, `status` the HTTP status, " +
                "`detail` says what to fix; a trace id may be added.";
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[AdminToken] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The operator token `Recs:AdminToken`. Unset, operator endpoints answer only loopback callers " +
                "whose request no proxy relays (no X-Forwarded-For or Forwarded header).",
        };
        document.Components.SecuritySchemes[WriteCredential] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The `write_token` returned by a person's first upload (`rw_` and 46 URL-safe characters), or the " +
                "service API key `Recs:ApiKey`, which may write any username.",
        };
        return Task.CompletedTask;
    }

    private static void Describe(ISet<OpenApiTag> tags, string name, string description)
    {
        var tag = tags.FirstOrDefault(t => t.Name == name);
        if (tag is null)
            tags.Add(tag = new OpenApiTag { Name = name });
        tag.Description = description;
    }
}
