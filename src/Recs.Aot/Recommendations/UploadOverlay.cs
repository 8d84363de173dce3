using Recs.Aot.Hosting;
using Recs.Engine.Data;
using Recs.Engine.Storage;

namespace Recs.Aot.Recommendations;

/// <summary>
/// Makes a stored upload served at once, before any reload reads it: the person's stored state goes into
/// <see cref="UploadedUsers"/> and their cached list is dropped. It also keeps the overlay bounded: a full overlay
/// admits no write (nothing may be stored that could not be served), and a half-full one asks for the reload that absorbs it.
/// </summary>
public sealed class UploadOverlay(UploadedUsers uploads, RecommendationCache cache, ModelLoader loader)
{
    /// <summary>False, with a reload requested, when the overlay is full: the upload must be refused before it is written.</summary>
    public bool Admits()
    {
        if (!uploads.IsFull)
            return true;
        loader.RequestReload();
        return false;
    }

    /// <summary>
    /// Records what the store holds for <paramref name="username"/> after the write that returned <paramref name="stored"/>,
    /// sharing the slug strings of <paramref name="data"/>'s catalogue, and drops their cached list.
    /// </summary>
    public void Record(string username, PersonWriteResult stored, RatingsDataset data)
    {
        uploads.Record(UploadedUser.FromStore(username, stored.RatedSlugs, stored.Stars, stored.ExcludedSlugs, stored.Sequence, data));
        cache.Remove(username);
        if (uploads.WantsReload)
            loader.RequestReload();
    }
}
