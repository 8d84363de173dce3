using Recs.Aot.Http;

namespace Recs.Tests.Http;

public sealed class PingTests
{
    [Fact]
    public async Task Ping_answers_pong_over_real_http()
    {
        await using var app = RecsApp.Build(["--urls", "http://127.0.0.1:0"]);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var body = await http.GetStringAsync("/ping");
        Assert.Equal("pong", body);
    }
}
