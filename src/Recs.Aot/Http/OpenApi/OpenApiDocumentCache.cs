using Microsoft.AspNetCore.OpenApi;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace Recs.Aot.Http.OpenApi;

/// <summary>
/// The OpenAPI document rendered once, on its first request, and served from memory after that. The framework's own
/// endpoint would build it again for every request (walking every endpoint and exporting every schema), which an
/// unlimited public route must not let a client repeat at will.
/// </summary>
internal sealed class OpenApiDocumentCache(IServiceProvider services)
{
    private const string ContentType = "application/json; charset=utf-8";

    private readonly Lock _gate = new();
    private Task<byte[]>? _rendering;
    private int _renderings;

    /// <summary>How many times the document was generated (once, unless a generation failed).</summary>
    public int Renderings => Volatile.Read(ref _renderings);

    /// <summary>Writes the document; the first caller renders it, the others wait for that one rendering.</summary>
    public async Task WriteAsync(HttpContext http)
    {
        byte[] body = await RenderOnceAsync();
        http.Response.ContentType = ContentType;
        http.Response.ContentLength = body.Length;
        http.Response.Headers[HeaderNames.CacheControl] = "public, max-age=300";
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    private Task<byte[]> RenderOnceAsync()
    {
        lock (_gate)
        {
            // A rendering that failed is not kept: the next request tries again.
            if (_rendering is null || _rendering.IsFaulted || _rendering.IsCanceled)
                _rendering = RenderAsync();
            return _rendering;
        }
    }

    private async Task<byte[]> RenderAsync()
    {
        Interlocked.Increment(ref _renderings);
        var provider = services.GetRequiredKeyedService<IOpenApiDocumentProvider>(ApiReference.DocumentName);
        var document = await provider.GetOpenApiDocumentAsync(CancellationToken.None);
        using var stream = new MemoryStream();
        await document.SerializeAsJsonAsync(stream, OpenApiSpecVersion.OpenApi3_1, CancellationToken.None);
        return stream.ToArray();
    }
}
