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
    private readonly PeriodicLoop _loop;
    private ServerMemoryAccount? _latest;

    public ServerMemoryPoller(HttpClient http)
    {
        _http = http;
        _loop = new PeriodicLoop(Interval, PollAsync);
    }

    /// <summary>The most recent account, or null before the first one (or from a server without the endpoint).</summary>
    public ServerMemoryAccount? Latest => Volatile.Read(ref _latest);

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    // False once the server has said it has no such endpoint.
    private async ValueTask<bool> PollAsync(CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync("/api/memory", ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
                return false;
            if (response.IsSuccessStatusCode
                && ServerMemoryAccount.Parse(await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false)) is { } account)
                Volatile.Write(ref _latest, account);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
        }
        return true;
    }
}
