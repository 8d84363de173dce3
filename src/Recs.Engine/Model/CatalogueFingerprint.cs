using Recs.Engine.Data;

namespace Recs.Engine.Model;

/// <summary>Identifies a film catalogue by its slugs in index order, so a model is only paired with data whose film indices mean the same films.</summary>
public static class CatalogueFingerprint
{
    /// <summary>64-bit FNV-1a over every film slug (UTF-16 code units) with a separator after each.</summary>
    public static ulong Of(RatingsDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ulong hash = 14695981039346656037UL;
        foreach (var film in data.Films)
        {
            foreach (char c in film.Slug)
                hash = (hash ^ c) * 1099511628211UL;
            hash = (hash ^ 0xFFFF) * 1099511628211UL;
        }
        return hash;
    }
}
