using Recs.Engine.Evaluation;

namespace Recs.Aot.Commands;

/// <summary>
/// One seed's sample of light, medium or heavy raters (with the range of their training rating counts) and its figures
/// per obscurity setting, for one shape of the dial (pool and popularity weight at the ends).
/// </summary>
internal sealed record ObscurityEvalGroup(int Seed, string Group, int Users, int MinRatings, int MaxRatings, int Pool, double MaxMix, IReadOnlyList<ObscurityPoint> Points);
