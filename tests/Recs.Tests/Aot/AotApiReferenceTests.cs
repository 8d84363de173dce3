using System.Net;
using Recs.Aot.Http.OpenApi;
using Recs.Tests.Http.OpenApi;

namespace Recs.Tests.Aot;

/// <summary>
/// The API description and reference in the Native AOT binary, where schemas can come only from the source-generated
/// JSON contracts (no reflection) and the reference's scripts only from the binary's embedded files.
/// </summary>
public sealed class AotApiReferenceTests
{
    [Fact]
    public async Task Aot_binary_serves_the_openapi_document_and_the_reference_page()
    {
        await using var service = await RecsProcess.StartAsync(AotBinary.Path, TimeSpan.FromSeconds(30), "--demo");
        var document = await ServedDocument.ReadAsync(service.Http);
        Assert.True(document.Paths.ContainsKey("/api/recomendacoes/{username}"), $"the binary's document lacks the recommendations route:\n{service.Output}");
        Assert.True(document.Components?.Schemas?.ContainsKey("RecommendationResponse") == true,
            "the binary's document has no RecommendationResponse schema: the JSON contracts were not found without reflection");
        // /metrics is the exporter's bare request delegate, described through a MethodInfo the trimmer must keep.
        Assert.True(document.Paths.ContainsKey(Recs.Aot.Observability.PrometheusMetrics.Path), "the binary's document lacks /metrics");

        using var page = await service.Http.GetAsync(ApiReference.DocsPath);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        using var script = await service.Http.GetAsync(new Uri(page.RequestMessage!.RequestUri!, "scalar.js"));
        Assert.True(script.StatusCode == HttpStatusCode.OK, $"the reference's script → {(int)script.StatusCode}");
    }
}
