using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Recs.Aot.Http.Endpoints;
using Recs.Aot.Recommendations;

namespace Recs.Aot.Http.OpenApi;

/// <summary>
/// The body of <c>POST /api/recomendacoes/{username}/rank</c>. The handler reads the body itself (declaring it with
/// <c>Accepts</c> would make routing refuse the JSON form with 415), so the two accepted forms are written down here.
/// </summary>
internal static class RankListDescription
{
    public static Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        string most = ListRanker.MaxFilms.ToString("N0", CultureInfo.InvariantCulture);
        var list = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "The films to rank, in the order ties keep.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["films"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    MaxItems = ListRanker.MaxFilms,
                    MinItems = 1,
                    Description = "Slugs (`drive-2011`), Letterboxd film URIs (`https://letterboxd.com/film/drive-2011/`) or \"Title (Year)\".",
                    Items = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1 },
                },
            },
            Required = new HashSet<string> { "films" },
        };
        var export = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Format = "binary",
            Description = "A Letterboxd list export (preamble, then Position,Name,Year,URL) or watchlist export (Date,Name,Year,Letterboxd URI).",
        };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = $"At most {most} films and {RankListEndpoint.MaxBodyBytes / (1024 * 1024)} MB. Nothing is stored.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = list },
                ["text/csv"] = new() { Schema = export },
            },
        };
        return Task.CompletedTask;
    }
}
