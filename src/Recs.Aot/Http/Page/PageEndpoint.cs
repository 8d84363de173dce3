namespace Recs.Aot.Http.Page;

/// <summary>
/// Serves the browser page (<c>/</c> and its stylesheet and script) from memory. The page only calls the public API
/// from the browser, so serving it touches neither the model nor the store, and it sits outside the API's rate limit.
/// </summary>
internal static class PageEndpoint
{
    // The page loads nothing but its own files and talks only to this origin; no inline script or style is used.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>Maps GET (and so HEAD) for every page asset: 200 with a strong ETag, or 304 when If-None-Match names it.</summary>
    public static IEndpointRouteBuilder MapPage(this IEndpointRouteBuilder app)
    {
        foreach (var asset in PageAssets.All)
        {
            RequestDelegate serve = http => ServeAsync(http, asset);
            app.MapGet(asset.Route, serve).ExcludeFromDescription();
        }
        return app;
    }

    private static Task ServeAsync(HttpContext http, PageAsset asset)
    {
        var response = http.Response;
        var headers = response.Headers;
        headers.ETag = asset.ETag;
        // Revalidate on every load: a new binary brings new files under the same names, and a 304 costs nothing.
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        if (asset.IsNamedBy(http.Request.Headers.IfNoneMatch))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Body.Length;
        return response.Body.WriteAsync(asset.Body, http.RequestAborted).AsTask();
    }
}
