namespace Recs.Aot.Http;

/// <summary>
/// Answers requests found malformed while an endpoint reads them — bad chunked encoding or a body cut short (400), a
/// body arriving slower than Kestrel's minimum data rate (408), one over the size cap (413), a broken multipart body
/// (400) — with their status as problem+json, and logs each as one warning line without a stack trace: the fault is
/// the client's. Without this they would reach the exception handler and be answered 500.
/// </summary>
internal static class MalformedRequests
{
    public static async Task HandleAsync(HttpContext http, RequestDelegate next)
    {
        try
        {
            await next(http);
        }
        catch (BadHttpRequestException e)
        {
            await AnswerAsync(http, e.StatusCode, e.Message);
        }
        catch (MalformedBodyException e)
        {
            await AnswerAsync(http, StatusCodes.Status400BadRequest, e.Message);
        }
    }

    private static async Task AnswerAsync(HttpContext http, int status, string detail)
    {
        var log = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MalformedRequests));
        log.LogWarning("{Method} {Path} refused with {Status}: {Detail}", http.Request.Method, http.Request.Path, status, detail);
        if (http.Response.HasStarted)
        {
            // Too late for a status: the connection is closed so the client sees the answer is incomplete.
            http.Abort();
            return;
        }
        http.Response.Clear();
        await Problems.MalformedRequest(status, detail).ExecuteAsync(http);
    }
}
