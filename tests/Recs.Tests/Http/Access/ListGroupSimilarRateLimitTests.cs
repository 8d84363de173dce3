using System.Net;
using System.Text;
using System.Text.Json;
using Recs.Tests.Support;

namespace Recs.Tests.Http.Access;

/// <summary>
/// The per-client rate limit covers ranking a list, group recommendations, similar films and the taste groups: with a
/// bucket of one request refilled once a second, a quick repeat on each route is refused 429 as problem+json.
/// </summary>
public sealed class ListGroupSimilarRateLimitTests
{
    public static TheoryData<string, string> Routes() => new()
    {
        { "POST", "/api/recomendacoes/someone/rank" },
        { "GET", "/api/recomendacoes/group?users=someone,another" },
        { "GET", "/api/films/some-film/similar" },
        { "GET", "/api/clusters" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_quick_repeat_is_refused_429_with_retry_after_as_problem_json(string method, string path)
    {
        await using var service = await RunningService.StartAsync(new MemoryRatingStore(),
            "--Recs:RateLimitPermitsPerSecond=1", "--Recs:RateLimitBurst=1");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (int i = 0; i < 5 && refused is null; i++)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method == "POST")
                request.Content = new StringContent("{\"films\": [\"some-film\"]}", Encoding.UTF8, "application/json");
            var response = await service.Http.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                refused = response;
            else
                response.Dispose();
        }
        Assert.True(refused is not null, $"{method} {path} five times with a bucket of one: {string.Join(", ", statuses)}");
        using (refused)
        {
            Assert.True(refused!.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"{method} {path}: 429 must say when to retry");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        }
    }
}
