namespace Recs.Aot.Recommendations;

/// <summary>An uploaded person's ratings (film indices sorted ascending, with stars) and excluded films, for one model version.</summary>
public sealed record ResolvedRatings(string ModelVersion, int[] Films, float[] Stars, IReadOnlySet<int> Excluded);
