using System.Net;
using System.Text;

namespace Recs.Tests.Http;

/// <summary>
/// A chunked ratings.csv body that sends its header, then a block of valid rows every 20 ms (about 25 KB/s, well above
/// any minimum data rate) until <paramref name="release"/> completes: an upload held open for as long as a test needs.
/// </summary>
internal sealed class HeldBodyContent(Task release) : HttpContent
{
    private static readonly byte[] Header = Encoding.UTF8.GetBytes("Date,Name,Year,Letterboxd URI,Rating\n");
    private static readonly byte[] Rows = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("2024-03-01,A Film Held Open,2001,https://boxd.it/held,4\n", 10)));

    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the header has been sent.</summary>
    public Task Started => _started.Task;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(Header);
        await stream.FlushAsync();
        _started.TrySetResult();
        while (!release.IsCompleted)
        {
            await stream.WriteAsync(Rows);
            await stream.FlushAsync();
            await Task.WhenAny(release, Task.Delay(20));
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
