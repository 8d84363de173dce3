using System.Text;
using Recs.Tests.Support;

namespace Recs.Tests.Http;

/// <summary>
/// Requests that are malformed at the HTTP level — framing, pace — get their 4xx status as problem+json over real
/// sockets, never a 500, and nothing is stored for them.
/// </summary>
[Collection(RequestLimitsCollection.Name)]
public sealed class MalformedRequestTests(RequestLimitsFixture fixture)
{
    private const string CsvHeader = "Date,Name,Year,Letterboxd URI,Rating\n";
    private const string GoodRow = "2024-03-01,Some Film,2001,https://boxd.it/abc,4\n";

    private RunningService Service => fixture.Service;

    [Fact]
    public async Task Invalid_chunk_size_is_400_problem_json()
    {
        var response = await RawHttp.ExchangeAsync(Service.Http.BaseAddress!,
            "POST /api/users/bad_chunks/ratings HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n",
            (stream, ct) => stream.WriteAsync("zz\r\nDate,Name\r\n0\r\n\r\n"u8.ToArray(), ct).AsTask(), TimeSpan.FromSeconds(20));
        Assert.True(response.Status == 400, $"bad chunk size → {response.Status}: {response.Head}\n{response.Body}");
        Assert.Equal("application/problem+json", response.Header("Content-Type"));
        Assert.Contains("\"status\":400", response.Body, StringComparison.Ordinal);
        await AssertNotStoredAsync("bad_chunks");
    }

    [Fact]
    public async Task Body_slower_than_the_minimum_data_rate_is_408_problem_json()
    {
        var started = DateTime.UtcNow;
        var response = await RawHttp.ExchangeAsync(Service.Http.BaseAddress!,
            "POST /api/users/slow_body/ratings HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\nContent-Length: 100000\r\n",
            async (stream, ct) =>
            {
                // Five bytes a second against a minimum of 1000 B/s once the 2 s grace period is over.
                byte[] text = Encoding.UTF8.GetBytes(CsvHeader + GoodRow);
                for (int i = 0; !ct.IsCancellationRequested; i = (i + 1) % text.Length)
                {
                    await stream.WriteAsync(text.AsMemory(i, 1), ct);
                    await Task.Delay(200, ct);
                }
            }, TimeSpan.FromSeconds(30));
        Assert.True(response.Status == 408, $"slow body → {response.Status}: {response.Head}\n{response.Body}");
        Assert.Equal("application/problem+json", response.Header("Content-Type"));
        Assert.Contains("\"status\":408", response.Body, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), $"the slow body was refused only after {(DateTime.UtcNow - started).TotalSeconds:F1}s");
        await AssertNotStoredAsync("slow_body");
    }

    private async Task AssertNotStoredAsync(string user)
    {
        using var test = await Service.GetJsonAsync($"/api/test/{user}");
        Assert.False(test.RootElement.GetProperty("exists").GetBoolean(), $"{user} was stored from a refused request");
    }
}
