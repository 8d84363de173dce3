using System.Diagnostics;

namespace Recs.Tests.Support;

/// <summary>
/// One request of a load run: what was asked, when it was sent and answered on the run's clock, and what came back
/// (<see cref="Status"/> 0 and a <see cref="Failure"/> when no response arrived at all).
/// </summary>
internal sealed record ObservedRequest(
    string Method, string Path, TimeSpan Sent, TimeSpan Answered, int Status, string Body, bool HasRetryAfter, string? MediaType, string? Failure)
{
    /// <summary>Sends and disposes <paramref name="request"/>, recording the outcome; a transport failure is recorded, never thrown.</summary>
    public static async Task<ObservedRequest> SendAsync(HttpClient http, HttpRequestMessage request, Stopwatch clock)
    {
        using var owned = request;
        string method = request.Method.Method;
        string path = request.RequestUri!.OriginalString;
        var sent = clock.Elapsed;
        try
        {
            using var response = await http.SendAsync(request);
            string body = await response.Content.ReadAsStringAsync();
            return new ObservedRequest(method, path, sent, clock.Elapsed, (int)response.StatusCode, body,
                response.Headers.RetryAfter is not null, response.Content.Headers.ContentType?.MediaType, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new ObservedRequest(method, path, sent, clock.Elapsed, 0, "", false, null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>True when the whole exchange happened inside [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public bool Within(TimeSpan from, TimeSpan to) => Sent >= from && Answered <= to;

    public override string ToString() =>
        $"{Method} {Path} sent {Sent.TotalSeconds:0.000}s answered {Answered.TotalSeconds:0.000}s → "
        + (Failure ?? $"{Status} {(Body.Length > 300 ? Body[..300] + "…" : Body)}");
}
