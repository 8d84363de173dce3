using System.Net;
using System.Net.Http.Headers;

namespace Recs.Tests.Aot;

/// <summary>
/// A request body sent in two parts: the first half goes out at once (so the server has the request in hand), the rest
/// only when <see cref="Release"/> is called. It keeps a request in flight across a moment the test chooses.
/// </summary>
internal sealed class HeldBackContent : HttpContent
{
    private readonly byte[] _body;
    private readonly TaskCompletionSource _halfSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HeldBackContent(byte[] body, string mediaType)
    {
        _body = body;
        Headers.ContentType = new MediaTypeHeaderValue(mediaType);
    }

    /// <summary>Completes once the headers and the first half of the body have been flushed to the connection.</summary>
    public Task HalfSent => _halfSent.Task;

    /// <summary>Lets the rest of the body go.</summary>
    public void Release() => _released.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        int half = _body.Length / 2;
        await stream.WriteAsync(_body.AsMemory(0, half));
        await stream.FlushAsync();
        _halfSent.TrySetResult();
        await _released.Task;
        await stream.WriteAsync(_body.AsMemory(half));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }
}
