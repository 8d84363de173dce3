namespace Recs.Load;

/// <summary>
/// Runs <c>tick</c> on a background task once every interval until it returns false or the loop is disposed;
/// disposing waits for a tick in progress to finish. Its ticks never overlap.
/// </summary>
internal sealed class PeriodicLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public PeriodicLoop(TimeSpan interval, Func<CancellationToken, ValueTask<bool>> tick) => _loop = RunAsync(interval, tick);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync(TimeSpan interval, Func<CancellationToken, ValueTask<bool>> tick)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false) && await tick(_stop.Token).ConfigureAwait(false))
            {
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
