using System.Net;
using Recs.Tests.Support;

namespace Recs.Tests.Http;

/// <summary>/health is outside the rate limit, so what it costs the database must be bounded however often it is called.</summary>
public sealed class HealthProbeTests
{
    [Fact]
    public async Task A_flood_of_health_checks_costs_the_database_one_probe_per_period()
    {
        var store = await MemoryRatingStore.WithDemoDataAsync();
        await using var service = await RunningService.StartAsync(store, "--Recs:HealthProbeCacheSeconds=30");
        await service.WaitForModelAsync();
        int before = Volatile.Read(ref store.PingCalls);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 400).Select(_ => Task.Run(async () =>
        {
            using var response = await service.Http.GetAsync("/health");
            return response.StatusCode;
        })));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        int probes = Volatile.Read(ref store.PingCalls) - before;
        Assert.True(probes <= 1, $"400 health checks within the reuse period reached the database {probes} times");
    }
}
