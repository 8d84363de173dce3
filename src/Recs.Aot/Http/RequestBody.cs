using Microsoft.AspNetCore.Http.Features;

namespace Recs.Aot.Http;

/// <summary>Reads a request body into memory up to a size cap, without model binding (nothing reflective runs in the AOT binary).</summary>
internal static class RequestBody
{
    /// <summary>
    /// The raw body, or the single file of a multipart/form-data body; null when it is larger than <paramref name="maxBytes"/>.
    /// Throws <see cref="InvalidDataException"/> when a multipart body does not hold exactly one file.
    /// </summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
            return null;
        // Kestrel then refuses to read past the cap itself, also for chunked bodies without a Content-Length.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes;
        try
        {
            if (request.HasFormContentType)
                return await ReadFormFileAsync(request, maxBytes, ct);
            return await ReadCappedAsync(request.Body, maxBytes, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    private static async Task<byte[]?> ReadFormFileAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        if (form.Files.Count != 1)
            throw new InvalidDataException($"a multipart upload must hold exactly one file field; found {form.Files.Count}");
        var file = form.Files[0];
        if (file.Length > maxBytes)
            return null;
        await using var stream = file.OpenReadStream();
        return await ReadCappedAsync(stream, maxBytes, ct);
    }

    private static async Task<byte[]?> ReadCappedAsync(Stream body, int maxBytes, CancellationToken ct)
    {
        using var copy = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (copy.Length + read > maxBytes)
                return null;
            copy.Write(chunk, 0, read);
        }
        return copy.ToArray();
    }
}
