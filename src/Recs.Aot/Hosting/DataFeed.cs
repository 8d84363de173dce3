using System.Diagnostics;
using Recs.Aot.Observability;
using Recs.Engine.Data;
using Recs.Engine.Storage;

namespace Recs.Aot.Hosting;

/// <summary>
/// Reads the store into a <see cref="RatingsDataset"/>: only what changed since a basis the service already holds
/// (the served data, or the data snapshot it started from) when that is the smaller read, the whole store otherwise.
/// </summary>
public sealed class DataFeed(IRatingStore store, RecsMetrics metrics, ILogger<DataFeed> log)
{
    // A merge costs one pass over the rows plus the changed ratings; past a quarter of the data, reading it all is as cheap.
    private const long MinimumDeltaLimit = 100_000;

    /// <summary>
    /// The store's data as of at least <paramref name="sequence"/> (read before this call): every write at or below it
    /// is included; writes committed while reading may be included too, which the upload overlay tolerates (it holds
    /// those people's complete state and wins while its sequence is higher). <paramref name="basis"/> must come from
    /// this same store; <c>Delta</c> says whether only its changes were read.
    /// </summary>
    public async Task<(RatingsDataset Data, bool Delta)> ReadAsync(RatingsDataset? basis, long sequence, CancellationToken ct)
    {
        if (basis is not null && basis.Sequence <= sequence
            && await store.CountRatingsChangedSinceAsync(basis.Sequence, ct) is var changed
            && changed <= System.Math.Max(MinimumDeltaLimit, basis.RatingCount / 4))
            return (await ReadChangesAsync(basis, sequence, (int)changed, ct), true);
        return (await ReadAllAsync(sequence, ct), false);
    }

    private async Task<RatingsDataset> ReadChangesAsync(RatingsDataset basis, long sequence, int expected, CancellationToken ct)
    {
        long started = Stopwatch.GetTimestamp();
        // Each row is resolved to indices as it arrives, so its strings die young instead of living until the merge.
        using var ratings = new ChangedRatings(basis, expected);
        await foreach (var rating in store.ReadRatingsChangedSinceAsync(basis.Sequence, ct))
            ratings.Add(rating);
        var exclusions = new List<ExclusionSet>();
        await foreach (var set in store.ReadExclusionSetsChangedSinceAsync(basis.Sequence, ct))
            exclusions.Add(set);
        // Films last: every film a rating read above refers to was committed before it, so it is in this read.
        var films = await store.LoadFilmsChangedSinceAsync(basis.Sequence, ct);
        metrics.StoreOperationCompleted(StoreOperation.ReadChanges, Stopwatch.GetElapsedTime(started));
        return DatasetMerge.Apply(basis, sequence, films, ratings, exclusions);
    }

    // By id from one snapshot of the store: no string or object per rating, and no sort on the database server.
    private async Task<RatingsDataset> ReadAllAsync(long sequence, CancellationToken ct)
    {
        long started = Stopwatch.GetTimestamp();
        var builder = new IdRatingsDatasetBuilder { Sequence = sequence };
        await store.ReadAllByIdAsync(builder, ct);
        long read = Stopwatch.GetTimestamp();
        metrics.StoreOperationCompleted(StoreOperation.ReadAll, Stopwatch.GetElapsedTime(started, read));
        var data = builder.Build();
        log.LogInformation("data: whole store read by id in {Read:0.00}s, built in {Build:0.00}s ({Ratings} ratings, {Skipped} rows naming no user or film skipped)",
            Stopwatch.GetElapsedTime(started, read).TotalSeconds, Stopwatch.GetElapsedTime(read).TotalSeconds, data.RatingCount, builder.SkippedRows);
        return data;
    }
}
