using Recs.Tests.Support;

namespace Recs.Tests.Http.OpenApi;

/// <summary>
/// A service over an empty in-memory store whose <c>/api</c> rate limit is tiny (a burst of <see cref="Burst"/>, one
/// request a second), so the tests also show the documentation is not held to it.
/// </summary>
public sealed class ApiReferenceFixture : IAsyncLifetime
{
    public const int Burst = 2;

    private RunningService? _service;

    internal RunningService Service => _service ?? throw new InvalidOperationException("fixture not started");

    public async Task InitializeAsync()
    {
        _service = await RunningService.StartAsync(new MemoryRatingStore(), "--Recs:SnapshotPath=",
            "--Recs:RateLimitPermitsPerSecond=1", $"--Recs:RateLimitBurst={Burst}");
        await _service.WaitForModelAsync();
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
            await _service.DisposeAsync();
    }
}
