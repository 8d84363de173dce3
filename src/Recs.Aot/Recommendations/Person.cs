namespace Recs.Aot.Recommendations;

/// <summary>
/// Someone to recommend for, as the serving model sees them: their dataset user index (-1 when folded in from an
/// upload or unknown), their ratings as film indices ascending with stars, and films never to recommend.
/// </summary>
public readonly record struct Person(int User, ReadOnlyMemory<int> Films, ReadOnlyMemory<float> Stars, IReadOnlySet<int>? Excluded)
{
    public bool HasRatings => Films.Length > 0;
}
