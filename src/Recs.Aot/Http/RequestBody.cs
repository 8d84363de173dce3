using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Recs.Aot.Http;

/// <summary>
/// Hands an endpoint the uploaded content as a stream while it arrives, without model binding (nothing reflective runs
/// in the AOT binary) and without buffering: the raw body, or the one file of a multipart/form-data body.
/// </summary>
internal static class RequestBody
{
    /// <summary>True for a multipart/form-data Content-Type, the one multipart kind that carries a file.</summary>
    public static bool IsMultipartForm(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) && media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Runs <paramref name="read"/> over the upload: the raw body, or the single file of a multipart/form-data body.
    /// Kestrel refuses to read more than <paramref name="maxBytes"/> of the body in all (a 413 BadHttpRequestException).
    /// Throws <see cref="MalformedBodyException"/> when a multipart body has no boundary, is cut short, lacks its
    /// closing boundary or does not hold exactly one file.
    /// </summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, long maxBytes, Func<Stream, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        // Kestrel then stops reading past the cap itself, also for chunked bodies without a Content-Length.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes;
        if (!IsMultipartForm(request.ContentType))
            return await read(request.Body, ct);
        string boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value ?? "";
        if (boundary.Length == 0)
            throw new MalformedBodyException("the multipart/form-data Content-Type names no boundary");
        try
        {
            return await ReadSingleFileAsync(new MultipartReader(boundary, request.Body), read, ct);
        }
        // The multipart reader reports a body that ends before its closing boundary (or never shows the declared one)
        // as an IOException, and oversized part headers as InvalidDataException. Kestrel's own rejections
        // (BadHttpRequestException, also an IOException) keep their status, and a client that went away is no 400.
        catch (IOException e) when (e is not BadHttpRequestException && !ct.IsCancellationRequested)
        {
            throw new MalformedBodyException($"the multipart body is malformed: {e.Message}", e);
        }
        catch (InvalidDataException e)
        {
            throw new MalformedBodyException($"the multipart body is malformed: {e.Message}", e);
        }
    }

    // The first file is read as it arrives; the sections after it are still read, so that a second file or a missing
    // closing boundary is noticed before anything is stored.
    private static async Task<T> ReadSingleFileAsync<T>(MultipartReader reader, Func<Stream, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        T? result = default;
        int files = 0;
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (section.GetContentDispositionHeader() is not { } disposition || !disposition.IsFileDisposition())
                continue;
            if (++files == 1)
                result = await read(section.Body, ct);
        }
        if (files != 1)
            throw new MalformedBodyException($"a multipart upload must hold exactly one file field; found {files}");
        return result!;
    }
}
