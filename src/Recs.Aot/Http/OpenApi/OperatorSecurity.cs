using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Recs.Aot.Http.Access;

namespace Recs.Aot.Http.OpenApi;

/// <summary>
/// Marks every operator-only endpoint (the ones carrying <see cref="OperatorOnlyFilter"/>) with the admin-token
/// requirement and the 401/403 answers of <see cref="OperatorOnlyFilter"/>, so no endpoint can be guarded without the
/// document saying so.
/// </summary>
internal static class OperatorSecurity
{
    public static async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<OperatorOnlyFilter>().Any())
            return;
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(ServiceDescription.AdminToken, context.Document)] = [],
        });
        await ProblemResponses.AddAsync(operation, context, StatusCodes.Status401Unauthorized,
            "Recs:AdminToken is set and the request did not carry it (`WWW-Authenticate: Bearer`).", ct: ct);
        await ProblemResponses.AddAsync(operation, context, StatusCodes.Status403Forbidden,
            "No admin token is configured and the caller is not on loopback, or a proxy relayed the request.", ct: ct);
    }
}
