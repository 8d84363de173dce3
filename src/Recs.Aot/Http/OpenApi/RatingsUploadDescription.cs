using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Recs.Aot.Http.Endpoints;
using Recs.Aot.Recommendations;

namespace Recs.Aot.Http.OpenApi;

/// <summary>
/// The body and answers of <c>POST /api/users/{username}/ratings</c>. The handler reads the body itself, as it arrives,
/// so the accepted content types (the same lists <see cref="RatingsUploadEndpoint"/> checks), the optional credential
/// and every refusal are written down here.
/// </summary>
internal static class RatingsUploadDescription
{
    public static async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.In == ParameterLocation.Query && parameter.Name == "limit")
            {
                parameter.Description = "Length of the recommendation list in the answer.";
                parameter.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Format = "int32",
                    Minimum = "1",
                    Maximum = RecommendationService.MaxLimit.ToString(CultureInfo.InvariantCulture),
                    Default = JsonValue.Create(RecommendationService.DefaultLimit),
                };
            }
        }
        operation.RequestBody = Body();
        // A first upload creates the person without a credential; later ones need theirs (or the API key).
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(ServiceDescription.WriteCredential, context.Document)] = [],
        });
        operation.Security.Add(new OpenApiSecurityRequirement());

        if (operation.Responses?.TryGetValue("201", out var created) == true && created is OpenApiResponse createdResponse)
        {
            createdResponse.Description = "A new person: stored, folded into the model, with recommendations and (only in this answer) " +
                "the `write_token` that authorises their later uploads.";
            createdResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
            createdResponse.Headers["Location"] = new OpenApiHeader
            {
                Description = "The person's recommendations, /api/recomendacoes/{username}.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }
        if (operation.Responses?.TryGetValue("200", out var merged) == true && merged is OpenApiResponse mergedResponse)
            mergedResponse.Description = "An existing person: the upload was merged into what is stored for them.";

        long megabytes = RatingsUploadEndpoint.MaxBodyBytes / (1024 * 1024), inflated = RatingsUploadEndpoint.MaxInflatedBytes / (1024 * 1024);
        await ProblemResponses.AddAsync(operation, context, StatusCodes.Status400BadRequest,
            "Invalid username or limit, a file that cannot be read (wrong header, malformed rows, no ratings), or a malformed body; nothing is stored.", ct: ct);
        await ProblemResponses.AddAsync(operation, context, StatusCodes.Status401Unauthorized,
            "The username exists and the request carries no credential (`WWW-Authenticate: Bearer`).", ct: ct);
        await ProblemResponses.AddAsync(operation, context, StatusCodes.Status403Forbidden,
            "The token is not this person's write token, or the person came from an import and only the API key may write them.", ct: ct);
        await ProblemResponses.AddAsync(operation, context, StatusCodes.Status408RequestTimeout,
            "The body arrived too slowly (Recs:MinRequestBodyBytesPerSecond) or not within Recs:UploadReadSeconds.", ct: ct);
        await ProblemResponses.AddAsync(operation, context, StatusCodes.Status409Conflict,
            "The film catalogue changed while the upload was matched; nothing was stored; retry.", ct: ct);
        await ProblemResponses.AddAsync(operation, context, StatusCodes.Status413PayloadTooLarge,
            $"The body is over {megabytes} MB, or a zip inflates past {inflated} MB.", ct: ct);
        await ProblemResponses.AddAsync(operation, context, StatusCodes.Status415UnsupportedMediaType,
            "No Content-Type, or one that is not CSV, zip or multipart/form-data.", ct: ct);
        await ProblemResponses.AddAsync(operation, context, StatusCodes.Status429TooManyRequests,
            "As many uploads as the service processes at once are running (Recs:MaxConcurrentUploads, Recs:UploadQueueLimit).",
            retryAfter: true, ct);
        await ProblemResponses.AddAsync(operation, context, StatusCodes.Status503ServiceUnavailable,
            "No model is loaded yet, the database is unavailable, or too many uploads wait for the next reload; nothing was stored.",
            retryAfter: true, ct);
    }

    private static OpenApiRequestBody Body()
    {
        var content = new Dictionary<string, OpenApiMediaType>();
        foreach (string csv in RatingsUploadEndpoint.CsvMediaTypes)
            content[csv] = new OpenApiMediaType { Schema = File("A Letterboxd ratings.csv: Date,Name,Year,Letterboxd URI,Rating.") };
        foreach (string zip in RatingsUploadEndpoint.ZipMediaTypes)
            content[zip] = new OpenApiMediaType { Schema = File("The Letterboxd account export zip: ratings.csv, and watched.csv and watchlist.csv when present.") };
        content["multipart/form-data"] = new OpenApiMediaType
        {
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "A form with exactly one file: ratings.csv or the export zip.",
                Properties = new Dictionary<string, IOpenApiSchema> { ["file"] = File("ratings.csv or the export zip.") },
                Required = new HashSet<string> { "file" },
            },
        };
        return new OpenApiRequestBody
        {
            Required = true,
            Description = $"At most {RatingsUploadEndpoint.MaxBodyBytes / (1024 * 1024)} MB. Films are matched to the catalogue by " +
                "Letterboxd URI, else by title and year; watched and watchlisted films of a zip are never recommended.",
            Content = content,
        };
    }

    private static OpenApiSchema File(string description) => new() { Type = JsonSchemaType.String, Format = "binary", Description = description };
}
