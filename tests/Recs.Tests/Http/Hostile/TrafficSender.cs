using System.Diagnostics;
using System.Net;
using System.Text;

namespace Recs.Tests.Http.Hostile;

/// <summary>
/// Sends generated requests to the service on 127.0.0.1 exactly as generated: targets byte for byte (or through
/// <see cref="Uri"/> when asked), odd Content-Types and UTF-8 header values as given, no redirects or cookies. Each
/// request has its own time limit; missing it counts as the service hanging.
/// </summary>
internal sealed class TrafficSender : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _origin;
    private readonly TimeSpan _timeout;

    public TrafficSender(Uri origin, TimeSpan timeout, int connections)
    {
        _origin = origin.GetLeftPart(UriPartial.Authority);
        _timeout = timeout;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = connections,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            // Header values go out as UTF-8, as browsers send them, so unicode reaches the service.
            RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8,
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Sends <paramref name="request"/> with <paramref name="authorization"/> (null: no header) and reads the whole answer.</summary>
    public async Task<Exchange> SendAsync(HostileRequest request, string? authorization, CancellationToken stop)
    {
        var empty = new Exchange(request, authorization, 0, null, false, null, false, [], TimeSpan.Zero);
        if (Refusal(request, authorization) is { } refusal)
            return empty with { NotSent = refusal };
        Uri uri;
        try
        {
            uri = request.Canonical
                ? new Uri(new Uri(_origin), request.Target)
                : new Uri(_origin + request.Target, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        }
        catch (UriFormatException e)
        {
            return empty with { NotSent = $"the client refuses the target: {e.Message}" };
        }

        using var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
        if (request.Body is { } body)
        {
            message.Content = new ByteArrayContent(body.Bytes);
            if (body.ContentType is not null && !message.Content.Headers.TryAddWithoutValidation("Content-Type", body.ContentType))
                return empty with { NotSent = "the client refuses the Content-Type" };
            if (body.Chunked)
                message.Headers.TransferEncodingChunked = true;
        }
        if (authorization is not null && !message.Headers.TryAddWithoutValidation("Authorization", authorization))
            return empty with { NotSent = "the client refuses the Authorization header" };

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stop);
        limit.CancelAfter(_timeout);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, limit.Token);
            byte[] bytes = await response.Content.ReadAsByteArrayAsync(limit.Token);
            return new Exchange(request, authorization, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType,
                response.Headers.RetryAfter is not null, response.Content.Headers.Allow.Count > 0 ? string.Join(", ", response.Content.Headers.Allow) : null,
                response.Headers.ConnectionClose == true, bytes, clock.Elapsed);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return empty with { Failure = $"no answer within {_timeout.TotalSeconds:0} s", Elapsed = clock.Elapsed };
        }
        catch (HttpRequestException e)
        {
            return empty with { Failure = $"the connection failed: {e.Message} {e.InnerException?.Message}", Elapsed = clock.Elapsed };
        }
    }

    public void Dispose() => _http.Dispose();

    // What the client will not put on the wire: line breaks and NUL in header values.
    private static string? Refusal(HostileRequest request, string? authorization)
    {
        static bool Breaks(string? value) => value is not null && value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0;
        if (Breaks(authorization))
            return "the client refuses CR, LF or NUL in the Authorization header";
        return Breaks(request.Body?.ContentType) ? "the client refuses CR, LF or NUL in the Content-Type header" : null;
    }
}
