using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Recs.Tests.Http.Hostile;

/// <summary>Counts of what was sent and what came back, per route and status, for the test output.</summary>
internal sealed class TrafficStats
{
    private readonly ConcurrentDictionary<string, int> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, int> _statuses = new();
    private readonly ConcurrentDictionary<string, int> _notSent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _uploads = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _unavailable = new();
    private int _answered;
    private int _failed;
    private long _slowestTicks;

    /// <summary>Requests that got an answer.</summary>
    public int Answered => _answered;

    /// <summary>Requests the HTTP client would not send.</summary>
    public int NotSent => _notSent.Values.Sum();

    public void Record(Exchange exchange)
    {
        _routes.AddOrUpdate(exchange.Request.Route, 1, (_, n) => n + 1);
        if (exchange.NotSent is { } why)
        {
            _notSent.AddOrUpdate(why.Split(':')[0], 1, (_, n) => n + 1);
            return;
        }
        if (exchange.Failure is not null)
        {
            Interlocked.Increment(ref _failed);
            return;
        }
        Interlocked.Increment(ref _answered);
        _statuses.AddOrUpdate(exchange.Status, 1, (_, n) => n + 1);
        if (exchange.Request.Upload is { } upload)
            _uploads.AddOrUpdate($"{Family(upload.Upload)} {upload.Outcome} {exchange.Status / 100}xx", 1, (_, n) => n + 1);
        if (exchange.Status == 503)
            _unavailable.Enqueue(exchange.Describe());
        long ticks = exchange.Elapsed.Ticks;
        for (long seen = Interlocked.Read(ref _slowestTicks); ticks > seen; seen = Interlocked.Read(ref _slowestTicks))
        {
            if (Interlocked.CompareExchange(ref _slowestTicks, ticks, seen) == seen)
                break;
        }
    }

    public string Summary()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"answered {_answered}, no answer {_failed}, not sent by the client {NotSent}, slowest {TimeSpan.FromTicks(_slowestTicks).TotalMilliseconds:0} ms");
        text.AppendLine("statuses: " + string.Join(", ", _statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        text.AppendLine("routes: " + string.Join(", ", _routes.OrderByDescending(r => r.Value).Select(r => $"{r.Key}×{r.Value}")));
        text.AppendLine("uploads: " + string.Join(", ", _uploads.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => $"{u.Key}×{u.Value}")));
        if (!_notSent.IsEmpty)
            text.AppendLine("not sent: " + string.Join(", ", _notSent.Select(r => $"{r.Key}×{r.Value}")));
        foreach (string unavailable in _unavailable.Take(5))
            text.AppendLine("503: " + unavailable);
        return text.ToString();
    }

    private static string Family(GeneratedUpload upload) =>
        upload.Kind.StartsWith("multipart", StringComparison.Ordinal) ? "multipart" : upload.IsZip ? "zip" : upload.Kind.Contains("random bytes", StringComparison.Ordinal) ? "bytes" : "csv";
}
