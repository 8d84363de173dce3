using Recs.Engine.Data;
using Recs.Engine.Storage;

namespace Recs.Aot.Hosting;

/// <summary>Reads the whole store (films, ratings, exclusions) into a <see cref="RatingsDataset"/> tagged with the change sequence read first.</summary>
internal static class StoreDataReader
{
    /// <summary>
    /// The store's data as of at least <paramref name="sequence"/> (read before this call): every write at or below it
    /// is included; writes committed while reading may be included too, which the upload overlay tolerates (it holds
    /// those people's complete state and wins while its sequence is higher).
    /// </summary>
    public static async Task<RatingsDataset> ReadAsync(IRatingStore store, long sequence, CancellationToken ct)
    {
        var builder = new RatingsDatasetBuilder { Sequence = sequence };
        foreach (var film in await store.LoadFilmsAsync(ct))
            builder.AddFilm(film);
        await foreach (var rating in store.ReadAllRatingsAsync(ct))
            builder.AddRating(rating);
        await foreach (var exclusion in store.ReadAllExclusionsAsync(ct))
            builder.AddExclusion(exclusion.Username, exclusion.FilmSlug);
        return builder.Build();
    }
}
