using Recs.Engine.Data;

namespace Recs.Aot.Recommendations;

/// <summary>An uploaded person's ratings (film indices of <see cref="Data"/>, ascending, with stars) and excluded films.</summary>
public sealed record ResolvedRatings(RatingsDataset Data, int[] Films, float[] Stars, IReadOnlySet<int> Excluded);
