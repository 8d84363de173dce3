using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Recs.Engine.Catalog;

namespace Recs.Aot.Http.OpenApi;

/// <summary>Gives every <c>{username}</c> route parameter the username rule that <see cref="QueryParsing.TryUsername"/> enforces.</summary>
internal static class UsernameParameter
{
    public const string Name = "username";

    public static Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.In != ParameterLocation.Path || parameter.Name != Name)
                continue;
            parameter.Description = $"1–{Username.MaxLength} ASCII letters, digits, '_' or '-', case-insensitive (answers use the " +
                "lower-case form). Anything else is a 400 problem.";
            parameter.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                MinLength = 1,
                MaxLength = Username.MaxLength,
                Pattern = "^[A-Za-z0-9_-]+$",
            };
            parameter.Example = "u3d5da1aa02";
        }
        return Task.CompletedTask;
    }
}
