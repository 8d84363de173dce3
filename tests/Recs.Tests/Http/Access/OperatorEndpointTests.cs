using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Recs.Aot.Http.Access;
using Recs.Tests.Support;

namespace Recs.Tests.Http.Access;

/// <summary>The operator endpoints over real HTTP: the admin token when one is set, loopback when none is.</summary>
public sealed class OperatorEndpointTests(AdminTokenServiceFixture fixture) : IClassFixture<AdminTokenServiceFixture>
{
    public static TheoryData<string, string> OperatorEndpoints => new()
    {
        { "GET", "/api/debug/demo_001" },
        { "GET", "/api/cache/demo_001" },
        { "GET", "/api/preload?count=5" },
        { "GET", "/api/memory" },
        { "POST", "/api/admin/retrain" },
        { "GET", "/metrics" },
    };

    // Routes anyone may call; every other route under /api must be operator-only.
    private static readonly string[] PublicRoutes = ["/api/recomendacoes/{username}", "/api/test/{username}", "/api/users/{username}/ratings", "/api/films/{filmId}/similar", "/api/recomendacoes/{username}/rank", "/api/recomendacoes/group", "/api/clusters"];

    private RunningService Service => fixture.Service;

    [Theory]
    [MemberData(nameof(OperatorEndpoints))]
    public async Task Without_the_token_operator_endpoints_answer_401_with_a_bearer_challenge(string method, string path)
    {
        using var response = await SendAsync(Service, method, path, authorization: null);
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, $"{method} {path} without a token");
        Assert.True(response.Headers.WwwAuthenticate.Any(h => h.Scheme == "Bearer"),
            $"{method} {path}: 401 must carry 'WWW-Authenticate: Bearer', got '{response.Headers.WwwAuthenticate}'");
    }

    [Theory]
    [MemberData(nameof(OperatorEndpoints))]
    public async Task A_wrong_token_or_scheme_is_401(string method, string path)
    {
        foreach (var header in new[] { "Bearer wrong", $"Bearer {AdminTokenServiceFixture.Token}x", $"Basic {AdminTokenServiceFixture.Token}" })
        {
            using var response = await SendAsync(Service, method, path, header);
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized, $"{method} {path} with '{header}'");
        }
    }

    [Theory]
    [MemberData(nameof(OperatorEndpoints))]
    public async Task The_admin_token_opens_operator_endpoints_whatever_the_scheme_case(string method, string path)
    {
        foreach (var scheme in new[] { "Bearer", "bearer", "BEARER" })
        {
            using var response = await SendAsync(Service, method, path, $"{scheme} {AdminTokenServiceFixture.Token}");
            string body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{method} {path} with scheme '{scheme}' → {(int)response.StatusCode}: {body}");
        }
    }

    [Theory]
    [InlineData("/api/recomendacoes/someone")]
    [InlineData("/api/test/someone")]
    public async Task Reads_stay_public_when_a_token_is_set(string path)
    {
        using var response = await Service.Http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} without a token → {(int)response.StatusCode}; reads must stay public");
    }

    [Fact]
    public async Task Preload_beyond_the_cap_is_rejected_before_anything_runs()
    {
        string token = $"Bearer {AdminTokenServiceFixture.Token}";
        using var over = await SendAsync(Service, "GET", "/api/preload?count=1001", token);
        var detail = await AssertProblemAsync(over, HttpStatusCode.BadRequest, "preload of 1001 users");
        Assert.Contains("1000", detail);
        using var atCap = await SendAsync(Service, "GET", "/api/preload?count=1000", token);
        Assert.Equal(HttpStatusCode.OK, atCap.StatusCode);
    }

    [Fact]
    public void Every_api_route_is_public_by_name_or_operator_only()
    {
        var routes = ((IEndpointRouteBuilder)Service.App).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .ToList();
        Assert.NotEmpty(routes);
        foreach (var route in routes)
        {
            string pattern = route.RoutePattern.RawText!;
            bool guarded = route.Metadata.GetMetadata<OperatorOnlyFilter>() is not null;
            bool isPublic = PublicRoutes.Contains(pattern);
            Assert.True(guarded != isPublic,
                isPublic ? $"{pattern} is a public read but is operator-only" : $"{pattern} is not listed as public and lacks .RequireOperator()");
        }
        string[] missing = [.. PublicRoutes.Where(p => !routes.Any(r => r.RoutePattern.RawText == p))];
        Assert.True(missing.Length == 0, $"public routes not mapped: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task Without_a_token_loopback_callers_may_use_every_operator_endpoint()
    {
        await using var service = await RunningService.StartAsync(new MemoryRatingStore(), "--Recs:SnapshotPath=");
        await service.WaitForModelAsync();
        foreach (var row in OperatorEndpoints)
        {
            var (method, path) = ((string)row[0], (string)row[1]);
            using var response = await SendAsync(service, method, path, authorization: null);
            Assert.True(response.IsSuccessStatusCode, $"{method} {path} from loopback without a configured token → {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Without_a_token_a_request_relayed_by_a_local_proxy_is_not_an_operator()
    {
        // A reverse proxy on the same host connects from loopback for anyone on the internet; the header it adds
        // (believed here by the rate limiter) must make the request a stranger's, not an operator's.
        await using var service = await RunningService.StartAsync(new MemoryRatingStore(), "--Recs:SnapshotPath=", "--Recs:TrustedProxies=127.0.0.1");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/memory");
        request.Headers.Add(TrustedProxies.ForwardedForHeader, "198.51.100.1");
        using var response = await service.Http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden,
            $"a loopback peer relaying for 198.51.100.1 → {(int)response.StatusCode}; without a token only direct loopback callers are operators");
        using var direct = await service.Http.GetAsync("/api/memory");
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(RunningService service, string method, string path, string? authorization)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await service.Http.SendAsync(request);
    }

    // Checks status and problem+json shape; returns the detail.
    private static async Task<string> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string what)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{what} → {(int)response.StatusCode}, expected {(int)status}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(body);
        Assert.Equal((int)status, doc.RootElement.GetProperty("status").GetInt32());
        string detail = doc.RootElement.GetProperty("detail").GetString() ?? "";
        Assert.False(string.IsNullOrEmpty(detail), $"{what}: the problem must say what to do");
        return detail;
    }
}
