using System.Text.Json;

namespace Recs.Tests.Http.Hostile;

/// <summary>
/// What every answer must satisfy, whatever was asked: no 5xx (503 only with Retry-After), every 4xx an RFC 9457
/// problem (application/problem+json with type, title and status equal to the HTTP status; HEAD answers carry no body,
/// so only their headers are checked), readable JSON in a 2xx, HEAD answered wherever GET is, and the admin endpoint
/// letting in exactly the admin token.
/// </summary>
internal static class ResponseRules
{
    public const int BodyCap = 5 * 1024 * 1024;

    /// <summary>The rules <paramref name="exchange"/> breaks, each as (rule, detail).</summary>
    public static IEnumerable<(string Rule, string Detail)> Check(Exchange exchange)
    {
        if (exchange.NotSent is not null)
            yield break;
        if (exchange.Failure is not null)
        {
            // The server may refuse early and close the connection while the body is still being sent.
            if (!(exchange.Failure.StartsWith("the connection", StringComparison.Ordinal) && exchange.Request.MayBeCutOff))
                yield return ("no answer", exchange.Describe());
            yield break;
        }

        int status = exchange.Status;
        bool head = exchange.Request.Method == "HEAD";
        if (status >= 500 && !(status == 503 && exchange.RetryAfter))
            yield return ($"{status} answer", exchange.Describe());
        if (status is >= 400 and < 500 && !RefusedByTheServerBeforeTheApp(exchange))
        {
            if (exchange.MediaType != "application/problem+json")
            {
                yield return (exchange.ConnectionClose && exchange.Body.Length == 0 && exchange.MediaType is null
                    ? $"bare {status} from the HTTP server before the app (empty body, Connection: close)"
                    : $"{status} that is not application/problem+json", exchange.Describe());
            }
            else if (!head && ProblemFlaw(exchange.Body, status) is { } flaw)
            {
                yield return ("problem+json without type, title or the right status", $"{exchange.Describe()}\n      ({flaw})");
            }
        }
        if (head && status == 405 && exchange.Allow?.Contains("GET", StringComparison.Ordinal) == true)
            yield return ("HEAD refused where GET is allowed (RFC 9110 §9.3.2)", exchange.Describe());
        if (!head && status is >= 200 and < 300 && exchange.MediaType == "application/json" && !IsJson(exchange.Body))
            yield return ("2xx JSON that does not parse", exchange.Describe());
        if (exchange.Request.MustAdmit is bool admit && admit != (status == 202))
            yield return (admit ? "admin token refused" : "admin endpoint let in a caller without the admin token", exchange.Describe());
    }

    private static string? ProblemFlaw(byte[] body, int status)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return "not an object";
            if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
                return "no type";
            if (!root.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String)
                return "no title";
            if (!root.TryGetProperty("status", out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int said) || said != status)
                return $"status {(root.TryGetProperty("status", out var s) ? s.GetRawText() : "missing")}, the HTTP status is {status}";
            return null;
        }
        catch (JsonException e)
        {
            return $"not JSON: {e.Message}";
        }
    }

    private static bool IsJson(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // The two refusals Kestrel makes itself, before any application code runs, with a bare status and no body (the
    // documented exceptions to problem+json): a request line over its limit (414), a path holding NUL or another
    // control character once decoded (400).
    private static bool RefusedByTheServerBeforeTheApp(Exchange exchange)
    {
        if (!exchange.ConnectionClose || exchange.Body.Length != 0 || exchange.MediaType is not null)
            return false;
        string target = exchange.Request.Target;
        if (exchange.Status == 414)
        {
            // What goes on the wire: non-ASCII characters travel percent-encoded, three bytes per UTF-8 byte.
            int wire = System.Text.Encoding.UTF8.GetBytes(target).Sum(b => b < 0x80 ? 1 : 3);
            return wire + exchange.Request.Method.Length + " HTTP/1.1".Length >= Recs.Aot.Http.RecsApp.MaxRequestLineBytes;
        }
        if (exchange.Status != 400)
            return false;
        int query = target.IndexOf('?');
        string path = query < 0 ? target : target[..query];
        return path.Contains("%00", StringComparison.Ordinal) || path.Any(char.IsControl) || Uri.UnescapeDataString(path).Any(char.IsControl);
    }
}
