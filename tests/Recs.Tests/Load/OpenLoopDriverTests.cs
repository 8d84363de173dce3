using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Recs.Load;

namespace Recs.Tests.Load;

/// <summary>
/// The open loop's defining property: a server that stalls shows the stall in every request scheduled during it,
/// because latency counts from the scheduled time, not from when the client got round to sending.
/// </summary>
public sealed class OpenLoopDriverTests
{
    private static readonly TimeSpan Stall = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task A_server_stall_shows_in_every_request_scheduled_during_it()
    {
        var gate = new StallGate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapGet("/slow", async () =>
        {
            await gate.PassAsync();
            return Results.Text("ok");
        });
        await app.StartAsync();

        var settings = new SuiteSettings { BaseAddress = new Uri(app.Urls.First()), Users = ["someone"], Films = ["a-film"] };
        using var http = new HttpClient { BaseAddress = settings.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var context = new RequestContext(settings);
        var scenario = new Scenario("slow", _ => new HttpRequestMessage(HttpMethod.Get, "/slow"), 200);
        // 200 req/s for 1.5 s with the server stalled for 0.3 s from 0.5 s: about a fifth of the requests wait for it.
        var phase = Phase.Open("stall", 200, TimeSpan.FromSeconds(1.5), new WeightedScenario(scenario, 1));
        var mix = new PhaseMix(phase, context);

        var stall = Task.Run(async () =>
        {
            await Task.Delay(500);
            gate.Close();
            await Task.Delay(Stall);
            gate.Open();
        });
        await OpenLoopDriver.RunAsync(phase, mix, new RequestSender(http, context), halfway: null);
        await stall;

        var result = mix.Recorders[0].Result(phase.Name, phase.Duration);
        Assert.True(result.Requests == 300 && result.Errors == 0, $"expected 300 answered requests and no errors: {result}");
        // A client that waited for each answer would record one 300 ms request; here the slowest tenth all waited
        // for a good part of the stall.
        Assert.True(result.P90Ms >= Stall.TotalMilliseconds / 4, $"p90 {result.P90Ms} ms does not show a {Stall.TotalMilliseconds} ms stall: {result}");
        Assert.True(result.MaxMs >= Stall.TotalMilliseconds * 0.8, $"max {result.MaxMs} ms is shorter than the {Stall.TotalMilliseconds} ms stall: {result}");
    }

    // Requests pass at once while open and wait for the next Open while closed.
    private sealed class StallGate
    {
        private volatile TaskCompletionSource? _closed;

        public Task PassAsync() => _closed?.Task ?? Task.CompletedTask;

        public void Close() => _closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => _closed?.TrySetResult();
    }
}
