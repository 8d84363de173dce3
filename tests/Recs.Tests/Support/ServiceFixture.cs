using Recs.Engine.Storage;
using Recs.Tests.Storage;

namespace Recs.Tests.Support;

/// <summary>One running service per test class, over a store the subclass provides, seeded with the demo catalogue.</summary>
public abstract class ServiceFixture : IAsyncLifetime
{
    /// <summary>The API key every fixture service is configured with (Authorization: Bearer …).</summary>
    public const string ApiKey = "test-api-key-0123456789";

    /// <summary>
    /// Settings every fixture service starts with: demo data, no practical rate limit or upload limit (those are tested
    /// on their own), fresh /health probes.
    /// </summary>
    public static readonly string[] Settings =
    [
        "--Recs:Demo=true", "--Recs:RateLimitPermitsPerSecond=100000", "--Recs:RateLimitBurst=100000",
        "--Recs:MaxConcurrentUploads=64", "--Recs:UploadQueueLimit=64",
        "--Recs:HealthProbeCacheSeconds=0", $"--Recs:ApiKey={ApiKey}",
    ];

    private RunningService? _service;
    private TemporaryStore? _store;

    internal RunningService Service => _service ?? throw new InvalidOperationException("fixture not started");

    /// <summary>The store the service runs on, e.g. for starting a second instance over the same data.</summary>
    internal IRatingStore Store => _store?.Store ?? throw new InvalidOperationException("fixture not started");

    /// <summary>Creates the store (and whatever database it needs); disposed with the fixture.</summary>
    protected abstract Task<TemporaryStore> CreateStoreAsync();

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        _service = await RunningService.StartAsync(_store.Store, Settings);
        await _service.WaitForTrainedModelAsync();
        // Seeding may leave data newer than the first model was trained on: the training that follows would swap
        // models (and clear the cache) under a test that expects its cached list to stay.
        await _service.WaitForTrainingIdleAsync();
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
            await _service.DisposeAsync();
        if (_store is not null)
            await _store.DisposeAsync();
    }
}
