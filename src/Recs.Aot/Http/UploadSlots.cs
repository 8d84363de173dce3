using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Recs.Aot.Hosting;

namespace Recs.Aot.Http;

/// <summary>
/// Admits at most <see cref="RecsOptions.MaxConcurrentUploads"/> uploads at once, with at most
/// <see cref="RecsOptions.UploadQueueLimit"/> more waiting for a slot; the rest are refused at once, so a burst of
/// uploads cannot hold more bodies and parsed exports in memory (or more store writes in flight) than that.
/// </summary>
internal sealed class UploadSlots : IDisposable
{
    /// <summary>Seconds a refused upload is told to wait (Retry-After): about how long one upload takes.</summary>
    public const int RetryAfterSeconds = 2;

    private readonly ConcurrencyLimiter _limiter;

    public UploadSlots(IOptions<RecsOptions> options)
    {
        var settings = options.Value;
        Capacity = System.Math.Max(1, settings.MaxConcurrentUploads);
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Capacity,
            QueueLimit = System.Math.Max(0, settings.UploadQueueLimit),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Uploads processed at once.</summary>
    public int Capacity { get; }

    /// <summary>
    /// A slot, held until the lease is disposed, after waiting in the queue if there is room in it; a lease with
    /// IsAcquired false when all slots and the queue are taken.
    /// </summary>
    public ValueTask<RateLimitLease> EnterAsync(CancellationToken ct) => _limiter.AcquireAsync(1, ct);

    public void Dispose() => _limiter.Dispose();
}
