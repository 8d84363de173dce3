using System.Text;

namespace Recs.Tests.Http.Hostile;

/// <summary>
/// One request and what came back: status, the headers the checks read and the body; or <see cref="Failure"/> when
/// nothing came back, or <see cref="NotSent"/> when the HTTP client itself refused to send the request.
/// </summary>
internal sealed record Exchange(
    HostileRequest Request, string? Authorization, int Status, string? MediaType, bool RetryAfter, string? Allow, bool ConnectionClose,
    byte[] Body, TimeSpan Elapsed, string? Failure = null, string? NotSent = null)
{
    public bool Answered => Failure is null && NotSent is null;

    /// <summary>The request, the status and the first 300 characters of the body, for a failure message.</summary>
    public string Describe()
    {
        string text = Encoding.UTF8.GetString(Body, 0, System.Math.Min(Body.Length, 1200));
        text = text.Length <= 300 ? text : text[..300] + "…";
        string answer = Failure ?? $"{Status} ct={MediaType ?? "none"}{(ConnectionClose ? " Connection: close" : "")}{(Allow is null ? "" : $" Allow: {Allow}")} body: {text}";
        string auth = Authorization is not null && Request.Authorization is null ? " (with the person's write token)" : "";
        return $"{Request.Summary}{auth}\n      → {answer}";
    }
}
