using Recs.Tests.Support;

namespace Recs.Tests.Http.Access;

/// <summary>A service over an empty in-memory store with <c>Recs:AdminToken</c> set to <see cref="Token"/>.</summary>
public sealed class AdminTokenServiceFixture : IAsyncLifetime
{
    public const string Token = "s3cret-0perator";

    private RunningService? _service;

    internal RunningService Service => _service ?? throw new InvalidOperationException("fixture not started");

    public async Task InitializeAsync()
    {
        _service = await RunningService.StartAsync(new MemoryRatingStore(), $"--Recs:AdminToken={Token}", "--Recs:SnapshotPath=",
            "--Recs:RateLimitPermitsPerSecond=100000", "--Recs:RateLimitBurst=100000");
        await _service.WaitForModelAsync();
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
            await _service.DisposeAsync();
    }
}
