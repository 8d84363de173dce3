using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Recs.Aot.Http;
using Recs.Aot.Http.Access;
using Recs.Aot.Http.OpenApi;
using Recs.Aot.Observability;
using Recs.Aot.Recommendations;
using Recs.Tests.Support;

namespace Recs.Tests.Http.OpenApi;

/// <summary>/openapi/v1.json over real HTTP: valid OpenAPI 3.1 that describes every mapped route, generated once.</summary>
public sealed partial class OpenApiDocumentTests(ApiReferenceFixture fixture) : IClassFixture<ApiReferenceFixture>
{
    private RunningService Service => fixture.Service;

    [Fact]
    public async Task The_document_reads_as_OpenAPI_3_1_without_errors()
    {
        var document = await ServedDocument.ReadAsync(Service.Http);
        Assert.Equal("Recs", document.Info?.Title);
        Assert.NotEmpty(document.Paths);
    }

    [Fact]
    public async Task Every_mapped_route_is_described_with_its_method()
    {
        var document = await ServedDocument.ReadAsync(Service.Http);
        var routes = ((IEndpointRouteBuilder)Service.App).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => !IsReferenceRoute(e.RoutePattern.RawText ?? ""))
            // The browser page's routes are marked as not part of the API and are tested on their own.
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                .Select(method => (Method: method, Path: PathOf(e.RoutePattern.RawText!))))
            .Distinct()
            .ToList();
        Assert.True(routes.Count >= 10, $"only {routes.Count} routes found in the app; expected the whole API");
        var missing = routes.Where(r => !Described(document, r.Method, r.Path)).Select(r => $"{r.Method} {r.Path}").ToList();
        Assert.True(missing.Count == 0, $"mapped but not in {ServedDocument.Path}: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task Every_operation_has_a_summary_a_success_schema_and_problem_json_errors()
    {
        var document = await ServedDocument.ReadAsync(Service.Http);
        foreach (var (path, method, operation) in Operations(document))
        {
            string name = $"{method} {path}";
            Assert.False(string.IsNullOrWhiteSpace(operation.Summary), $"{name} has no summary");
            Assert.False(string.IsNullOrWhiteSpace(operation.Description), $"{name} has no description");
            var responses = operation.Responses ?? [];
            Assert.True(responses.Keys.Any(k => k.StartsWith('2')), $"{name} documents no success response");
            foreach (var (status, response) in responses)
            {
                var content = response.Content ?? new Dictionary<string, OpenApiMediaType>();
                Assert.True(content.Count > 0, $"{name} {status} has no content");
                Assert.True(content.Values.All(m => m.Schema is not null), $"{name} {status} has a media type without a schema");
                if (status.StartsWith('4'))
                    Assert.True(content.ContainsKey("application/problem+json"), $"{name} {status} is not application/problem+json");
            }
        }
    }

    [Fact]
    public async Task Recommendations_document_every_query_option_with_the_ranges_the_parser_checks()
    {
        var document = await ServedDocument.ReadAsync(Service.Http);
        var operation = document.Paths["/api/recomendacoes/{username}"].Operations![HttpMethod.Get];
        var query = (operation.Parameters ?? []).Where(p => p.In == ParameterLocation.Query).ToDictionary(p => p.Name!);
        string[] options = ["limit", "min_year", "max_year", "genres", "exclude_genres", "type", "obscurity", "format"];
        Assert.True(options.All(query.ContainsKey), $"documented query options: {string.Join(", ", query.Keys)}; expected {string.Join(", ", options)}");
        Assert.Equal(RecommendationService.MaxLimit.ToString(), query["limit"].Schema!.Maximum);
        Assert.Equal(RecommendationQueryParsing.MinYear.ToString(), query["min_year"].Schema!.Minimum);
        Assert.Equal(["movie", "tv", "any"], query["type"].Schema!.Enum!.Select(v => v!.GetValue<string>()));
        Assert.Equal(["json", "csv"], query["format"].Schema!.Enum!.Select(v => v!.GetValue<string>()));

        var ok = operation.Responses!["200"].Content!;
        Assert.True(ok.ContainsKey("text/csv"), "format=csv's text/csv answer is not documented");
        var examples = ok["application/json"].Examples ?? new Dictionary<string, IOpenApiExample>();
        Assert.True(examples.ContainsKey("computed") && examples.ContainsKey("fallback"),
            $"the README's examples are missing; found: {string.Join(", ", examples.Keys)}");
        Assert.Equal("computed", examples["computed"].Value!["mode"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_upload_documents_its_csv_zip_and_multipart_bodies_and_its_refusals()
    {
        var document = await ServedDocument.ReadAsync(Service.Http);
        var operation = document.Paths["/api/users/{username}/ratings"].Operations![HttpMethod.Post];
        var body = operation.RequestBody?.Content ?? new Dictionary<string, OpenApiMediaType>();
        foreach (string type in new[] { "text/csv", "application/zip", "multipart/form-data" })
            Assert.True(body.ContainsKey(type), $"the upload body {type} is not documented; found: {string.Join(", ", body.Keys)}");
        string[] statuses = ["200", "201", "400", "401", "403", "408", "409", "413", "415", "429", "503"];
        var documented = operation.Responses!.Keys.ToHashSet();
        Assert.True(statuses.All(documented.Contains), $"upload answers documented: {string.Join(", ", documented.Order())}");
    }

    [Fact]
    public async Task Ranking_a_list_documents_its_json_and_csv_bodies_with_the_film_limit()
    {
        var document = await ServedDocument.ReadAsync(Service.Http);
        var operation = document.Paths["/api/recomendacoes/{username}/rank"].Operations![HttpMethod.Post];
        var body = operation.RequestBody?.Content ?? new Dictionary<string, OpenApiMediaType>();
        Assert.True(body.ContainsKey("text/csv") && body.ContainsKey("application/json"), $"rank bodies documented: {string.Join(", ", body.Keys)}");
        var films = body["application/json"].Schema?.Properties?["films"];
        Assert.Equal(ListRanker.MaxFilms, films?.MaxItems);
        Assert.Equal(JsonSchemaType.String, films?.Items?.Type);
    }

    [Fact]
    public async Task Operator_endpoints_are_documented_as_needing_the_admin_token()
    {
        var document = await ServedDocument.ReadAsync(Service.Http);
        var guarded = ((IEndpointRouteBuilder)Service.App).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<OperatorOnlyFilter>() is not null).ToList();
        Assert.NotEmpty(guarded);
        foreach (var endpoint in guarded)
        {
            string path = PathOf(endpoint.RoutePattern.RawText!);
            foreach (string method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)
            {
                var operation = document.Paths[path].Operations![new HttpMethod(method)];
                bool needsToken = (operation.Security ?? []).Any(r => r.Keys.Any(s => s.Reference.Id == "adminToken"));
                Assert.True(needsToken, $"{method} {path} is operator-only but the document asks for no admin token");
                Assert.True(operation.Responses!.ContainsKey("401") && operation.Responses.ContainsKey("403"), $"{method} {path}: 401/403 not documented");
            }
        }
    }

    [Fact]
    public async Task Metrics_are_described_as_prometheus_text_for_operators()
    {
        var document = await ServedDocument.ReadAsync(Service.Http);
        Assert.True(document.Paths.TryGetValue(PrometheusMetrics.Path, out var item), $"{PrometheusMetrics.Path} is not in the document");
        var operation = item!.Operations![HttpMethod.Get];
        Assert.Equal("Metrics", operation.OperationId);
        Assert.Contains(operation.Tags ?? new HashSet<OpenApiTagReference>(), t => t.Name == ApiTags.Operator);
        var ok = operation.Responses!["200"].Content!;
        Assert.True(ok.ContainsKey(PrometheusMetrics.ContentType), $"200 is documented as {string.Join(", ", ok.Keys)}, not {PrometheusMetrics.ContentType}");
        Assert.Equal(JsonSchemaType.String, ok[PrometheusMetrics.ContentType].Schema!.Type);
        Assert.False(operation.Responses.ContainsKey("429"), "/metrics is outside the /api rate limit, so it never answers 429");
    }

    [Fact]
    public async Task The_document_is_generated_once_and_not_rate_limited()
    {
        // Far more requests than the /api burst; none may be refused, and the document is built once.
        var responses = await Task.WhenAll(Enumerable.Range(0, 4 * ApiReferenceFixture.Burst)
            .Select(_ => Service.Http.GetAsync(ServedDocument.Path)));
        var bodies = new HashSet<string>();
        foreach (var response in responses)
        {
            using (response)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                bodies.Add(await response.Content.ReadAsStringAsync());
            }
        }
        Assert.Single(bodies);
        int renderings = Service.App.Services.GetRequiredService<OpenApiDocumentCache>().Renderings;
        Assert.True(renderings == 1, $"the document was generated {renderings} times; it must be generated once and kept");
    }

    private static IEnumerable<(string Path, HttpMethod Method, OpenApiOperation Operation)> Operations(OpenApiDocument document) =>
        document.Paths.SelectMany(p => (p.Value.Operations ?? []).Select(o => (p.Key, o.Key, o.Value)));

    private static bool Described(OpenApiDocument document, string method, string path) =>
        document.Paths.TryGetValue(path, out var item) && item.Operations?.ContainsKey(new HttpMethod(method)) == true;

    private static bool IsReferenceRoute(string pattern) =>
        pattern.StartsWith(ApiReference.DocsPath, StringComparison.Ordinal) || pattern.StartsWith("/openapi/", StringComparison.Ordinal);

    // Route templates carry constraints and optional markers ({id:int}, {name?}) that OpenAPI paths do not.
    private static string PathOf(string pattern) => RouteParameter().Replace(pattern, m => "{" + m.Groups[1].Value + "}");

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z_][A-Za-z0-9_]*)[^}]*\}")]
    private static partial Regex RouteParameter();
}
