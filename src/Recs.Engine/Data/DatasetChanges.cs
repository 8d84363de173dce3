using Recs.Engine.Catalog;
using Recs.Engine.Storage;

namespace Recs.Engine.Data;

/// <summary>
/// What the store changed after a dataset's sequence, up to <paramref name="Sequence"/> (read before the changes were):
/// films inserted or updated, ratings inserted or re-rated, and the complete exclusion sets of the people whose
/// exclusions were replaced.
/// </summary>
public sealed record DatasetChanges(
    long Sequence,
    IReadOnlyList<Film> Films,
    IReadOnlyList<RatingRecord> Ratings,
    IReadOnlyList<ExclusionSet> ExclusionSets)
{
    public bool IsEmpty => Films.Count == 0 && Ratings.Count == 0 && ExclusionSets.Count == 0;
}
