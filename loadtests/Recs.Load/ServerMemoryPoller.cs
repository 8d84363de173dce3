using System.Net;

namespace Recs.Load;

/// <summary>
/// Asks the server for its own account of its memory (GET /api/memory) every half second in the background and keeps
/// the latest, so the resident sampler can file it beside a phase's peak. Stops asking for good at a 404 (a server
/// without that endpoint, such as the original service); a failed request leaves the previous account in place.
/// </summary>
internal sealed class ServerMemoryPoller : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private ServerMemoryAccount? _latest;

    public ServerMemoryPoller(HttpClient http)
    {
        _http = http;
        _loop = PollAsync();
    }

    /// <summary>The most recent account, or null before the first one (or from a server without the endpoint).</summary>
    public ServerMemoryAccount? Latest => Volatile.Read(ref _latest);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task PollAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                try
                {
                    using var response = await _http.GetAsync("/api/memory", _stop.Token).ConfigureAwait(false);
                    if (response.StatusCode == HttpStatusCode.NotFound)
                        return;
                    if (response.IsSuccessStatusCode
                        && ServerMemoryAccount.Parse(await response.Content.ReadAsByteArrayAsync(_stop.Token).ConfigureAwait(false)) is { } account)
                        Volatile.Write(ref _latest, account);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !_stop.IsCancellationRequested)
                {
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
