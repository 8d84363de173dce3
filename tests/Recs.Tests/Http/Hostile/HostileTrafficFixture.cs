using Recs.Engine.Storage;
using Recs.Tests.Storage;
using Recs.Tests.Support;

namespace Recs.Tests.Http.Hostile;

/// <summary>
/// One service for the hostile traffic: in-process Kestrel on 127.0.0.1 over a fresh SQLite store seeded with the demo
/// catalogue, the fixture settings (no practical rate limit, the API key), an admin token, and no model snapshot on
/// disk; ready once the trained model serves.
/// </summary>
public sealed class HostileTrafficFixture : IAsyncLifetime
{
    public const string AdminToken = "hostile-admin-token-0123456789";

    private TemporarySqliteStore? _store;
    private RunningService? _service;

    internal RunningService Service => _service ?? throw new InvalidOperationException("fixture not started");

    internal IRatingStore Store => _store?.Store ?? throw new InvalidOperationException("fixture not started");

    public async Task InitializeAsync()
    {
        _store = new TemporarySqliteStore();
        _service = await RunningService.StartAsync(_store.Store, [.. ServiceFixture.Settings, $"--Recs:AdminToken={AdminToken}", "--Recs:SnapshotPath="]);
        await _service.WaitForTrainedModelAsync();
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
            await _service.DisposeAsync();
        if (_store is not null)
            await _store.DisposeAsync();
    }
}
