using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Recs.Tests.Http.OpenApi;

/// <summary>Fetches /openapi/v1.json over HTTP and reads it with the Microsoft.OpenApi reader, failing on any read or validation error.</summary>
internal static class ServedDocument
{
    public const string Path = "/openapi/v1.json";

    public static async Task<OpenApiDocument> ReadAsync(HttpClient http)
    {
        using var response = await http.GetAsync(Path);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {Path} → {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);

        var read = OpenApiDocument.Parse(text, OpenApiConstants.Json, new OpenApiReaderSettings());
        var errors = read.Diagnostic?.Errors ?? [];
        Assert.True(errors.Count == 0, $"{Path} does not read as OpenAPI: {string.Join("; ", errors.Select(e => $"{e.Pointer}: {e.Message}"))}");
        Assert.True(read.Diagnostic!.SpecificationVersion == OpenApiSpecVersion.OpenApi3_1,
            $"{Path} is OpenAPI {read.Diagnostic.SpecificationVersion}, expected 3.1");
        var document = read.Document!;
        var invalid = document.Validate(ValidationRuleSet.GetDefaultRuleSet())?.ToList() ?? [];
        Assert.True(invalid.Count == 0, $"{Path} breaks OpenAPI rules: {string.Join("; ", invalid.Select(e => $"{e.Pointer}: {e.Message}"))}");
        return document;
    }
}
