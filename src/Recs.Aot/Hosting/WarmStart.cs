using Recs.Aot.Recommendations;
using Recs.Engine.Serving;

namespace Recs.Aot.Hosting;

/// <summary>
/// A model ready to serve and the lists it computed, before it served, for people the cache held under the model it
/// replaces (<see cref="ServingSwap.Prepare"/>): they go into the cache as it swaps in, so a retrain does not send
/// every cached person to compute at the same moment.
/// </summary>
public sealed record WarmStart(ServingModel Model, IReadOnlyList<KeyValuePair<string, CachedRecommendations>> Lists);
