using Microsoft.OpenApi;

namespace Recs.Tests.Http.OpenApi;

public sealed partial class OpenApiDocumentTests
{
    [Fact]
    public async Task The_taste_groups_listing_documents_its_body_the_rate_limit_and_the_answer_before_training()
    {
        var document = await ServedDocument.ReadAsync(Service.Http);
        Assert.True(document.Paths.TryGetValue("/api/clusters", out var path), "/api/clusters is not in the document");
        var operation = path.Operations![HttpMethod.Get];
        Assert.Equal("TasteGroups", operation.OperationId);
        // The silhouette is the group's own, and the description says what a null one means.
        Assert.Contains("its own silhouette", operation.Description);
        Assert.Contains("null for a cluster too small to split", operation.Description);
        var responses = operation.Responses!;
        // 429 is added from the endpoint's own rate-limiting metadata: without RequireClientRateLimit it is absent.
        foreach (string status in new[] { "200", "429", "503" })
            Assert.True(responses.ContainsKey(status), $"GET /api/clusters does not document {status}; documented: {string.Join(", ", responses.Keys)}");
        var schema = responses["200"].Content!["application/json"].Schema!;
        var properties = (schema is OpenApiSchemaReference reference ? reference.Target! : schema).Properties!;
        Assert.True(properties.ContainsKey("groups"), $"the 200 body has no groups; properties: {string.Join(", ", properties.Keys)}");
    }
}
