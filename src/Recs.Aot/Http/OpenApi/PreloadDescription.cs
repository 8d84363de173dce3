using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Recs.Aot.Http.Endpoints;

namespace Recs.Aot.Http.OpenApi;

/// <summary>The <c>count</c> of <c>GET /api/preload</c> as the integer range the handler checks (it binds the raw text).</summary>
internal static class PreloadDescription
{
    public static Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.In != ParameterLocation.Query || parameter.Name != "count")
                continue;
            parameter.Description = "How many of the most active users to warm; more than the cap is a 400.";
            parameter.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer,
                Format = "int32",
                Minimum = "1",
                Maximum = PreloadEndpoint.MaxCount.ToString(CultureInfo.InvariantCulture),
                Default = JsonValue.Create(100),
            };
        }
        return Task.CompletedTask;
    }
}
