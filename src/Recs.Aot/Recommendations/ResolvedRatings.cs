using Recs.Engine.Data;

namespace Recs.Aot.Recommendations;

/// <summary>
/// An uploaded person's ratings as film indices of the data set they were resolved against (ascending, with stars)
/// and their excluded films.
/// </summary>
public sealed class ResolvedRatings(RatingsDataset data, int[] films, float[] stars, IReadOnlySet<int> excluded)
{
    // Weak: an upload outlives the data set it was first resolved against until a reload absorbs it, and a strong
    // reference kept that replaced data set (7 MB at a million ratings) alive for as long.
    private readonly WeakReference<RatingsDataset> _data = new(data);

    public int[] Films { get; } = films;
    public float[] Stars { get; } = stars;
    public IReadOnlySet<int> Excluded { get; } = excluded;

    /// <summary>True when these indices were resolved against <paramref name="data"/>.</summary>
    public bool IsOf(RatingsDataset data) => _data.TryGetTarget(out var held) && ReferenceEquals(held, data);
}
