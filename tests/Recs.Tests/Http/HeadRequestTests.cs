using System.Net;
using Recs.Tests.Support;

namespace Recs.Tests.Http;

/// <summary>HEAD is answered wherever GET is, with the same status and headers and no body.</summary>
[Collection(RequestLimitsCollection.Name)]
public sealed class HeadRequestTests(RequestLimitsFixture fixture)
{
    private RunningService Service => fixture.Service;

    [Theory]
    [InlineData("/")]
    [InlineData("/ping")]
    [InlineData("/health")]
    [InlineData("/api/memory")]
    [InlineData("/api/test/demo_001")]
    [InlineData("/api/recomendacoes/demo_001?limit=3")]
    [InlineData("/api/recomendacoes/demo_001?limit=3&format=csv")]
    [InlineData("/api/recomendacoes/not%20a%20name")]
    [InlineData("/api/cache/demo_002")]
    [InlineData("/api/debug/demo_001")]
    [InlineData("/api/preload?count=1")]
    public async Task Head_answers_with_the_status_and_headers_of_get_and_no_body(string path)
    {
        using var get = await Service.Http.GetAsync(path);
        byte[] getBody = await get.Content.ReadAsByteArrayAsync();
        using var head = await Service.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        byte[] headBody = await head.Content.ReadAsByteArrayAsync();

        Assert.True(get.StatusCode == head.StatusCode, $"HEAD {path} → {(int)head.StatusCode}, GET → {(int)get.StatusCode}");
        Assert.NotEmpty(getBody);
        Assert.True(headBody.Length == 0, $"HEAD {path} sent a {headBody.Length}-byte body");
        Assert.Equal(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString());
        Assert.Equal(Names(get), Names(head));
    }

    [Fact]
    public async Task Head_on_a_path_with_no_get_is_refused_like_get()
    {
        using var get = await Service.Http.GetAsync("/api/admin/retrain");
        using var head = await Service.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/admin/retrain"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal(get.StatusCode, head.StatusCode);
    }

    // Header names, not values: dates and timings differ between two responses, and HEAD carries no framing headers.
    private static string[] Names(HttpResponseMessage response) =>
        [.. response.Headers.Concat(response.Content.Headers)
            .Select(h => h.Key.ToLowerInvariant())
            .Where(name => name is not ("transfer-encoding" or "content-length"))
            .Order(StringComparer.Ordinal)];
}
