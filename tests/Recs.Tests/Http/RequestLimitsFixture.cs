using Recs.Tests.Storage;
using Recs.Tests.Support;

namespace Recs.Tests.Http;

/// <summary>
/// One service for the tests of how requests are admitted and refused: SQLite with the demo catalogue, one upload
/// processed at a time with none waiting, and a minimum request body rate of 1000 B/s after a 2 s grace period, so a
/// body that stalls is refused within seconds.
/// </summary>
public sealed class RequestLimitsFixture : IAsyncLifetime
{
    private TemporarySqliteStore? _store;
    private RunningService? _service;

    internal RunningService Service => _service ?? throw new InvalidOperationException("fixture not started");

    public async Task InitializeAsync()
    {
        _store = new TemporarySqliteStore();
        _service = await RunningService.StartAsync(_store.Store,
            "--Recs:Demo=true", "--Recs:SnapshotPath=", "--Recs:RefreshMinutes=0",
            "--Recs:RateLimitPermitsPerSecond=100000", "--Recs:RateLimitBurst=100000",
            "--Recs:MaxConcurrentUploads=1", "--Recs:UploadQueueLimit=0",
            "--Recs:MinRequestBodyBytesPerSecond=1000", "--Recs:RequestBodyGraceSeconds=2", "--Recs:UploadReadSeconds=4");
        await _service.WaitForModelAsync();
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
            await _service.DisposeAsync();
        if (_store is not null)
            await _store.DisposeAsync();
    }
}
