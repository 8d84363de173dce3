namespace Recs.Aot.Http;

/// <summary>
/// Answers HEAD wherever GET is answered (RFC 9110 §9.3.2), without a second route per endpoint: a HEAD request is
/// routed and handled as GET, so it gets the same status and headers. Kestrel keeps the method it parsed from the
/// request line, so it still knows the exchange is HEAD and sends no body; the method is put back once the response
/// is done so logs show what was asked.
/// </summary>
internal static class HeadRequests
{
    public static async Task HandleAsync(HttpContext http, RequestDelegate next)
    {
        if (!HttpMethods.IsHead(http.Request.Method))
        {
            await next(http);
            return;
        }
        http.Request.Method = HttpMethods.Get;
        try
        {
            await next(http);
        }
        finally
        {
            http.Request.Method = HttpMethods.Head;
        }
    }
}
