using System.Net;
using Recs.Aot.Http.Access;
using Recs.Tests.Support;

namespace Recs.Tests.Http.Access;

/// <summary>
/// Rate-limit buckets behind a proxy, over real HTTP with a bucket of one request refilled once a second: separate
/// buckets let every first request through, a shared one at most two in a quick burst.
/// </summary>
public sealed class ForwardedClientRateLimitTests
{
    private static readonly string[] TinyLimit = ["--Recs:SnapshotPath=", "--Recs:RateLimitPermitsPerSecond=1", "--Recs:RateLimitBurst=1"];

    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_has_its_own_bucket()
    {
        await using var service = await RunningService.StartAsync(new MemoryRatingStore(), [.. TinyLimit, "--Recs:TrustedProxies=127.0.0.1"]);
        var first = await StatusesAsync(service, Enumerable.Range(1, 6).Select(i => $"198.51.100.{i}"));
        Assert.True(first.All(s => s == HttpStatusCode.OK), $"six forwarded clients, one request each: {string.Join(", ", first)}");
        var again = await StatusesAsync(service, Enumerable.Repeat("198.51.100.1", 3));
        Assert.True(again.Contains(HttpStatusCode.TooManyRequests), $"198.51.100.1 again and again must hit its own limit: {string.Join(", ", again)}");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("10.0.0.0/8")]
    public async Task From_an_untrusted_peer_forwarded_for_is_ignored_and_clients_share_a_bucket(string? trusted)
    {
        string[] config = trusted is null ? TinyLimit : [.. TinyLimit, $"--Recs:TrustedProxies={trusted}"];
        await using var service = await RunningService.StartAsync(new MemoryRatingStore(), config);
        var statuses = await StatusesAsync(service, Enumerable.Range(1, 6).Select(i => $"198.51.100.{i}"));
        int passed = statuses.Count(s => s == HttpStatusCode.OK);
        Assert.True(passed <= 2, $"six requests claiming different clients from one untrusted peer: {string.Join(", ", statuses)}");
    }

    private static async Task<List<HttpStatusCode>> StatusesAsync(RunningService service, IEnumerable<string> forwardedFor)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var client in forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/test/someone");
            request.Headers.Add(TrustedProxies.ForwardedForHeader, client);
            using var response = await service.Http.SendAsync(request);
            statuses.Add(response.StatusCode);
        }
        return statuses;
    }
}
