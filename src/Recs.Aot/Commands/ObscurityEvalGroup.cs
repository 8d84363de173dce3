using Recs.Engine.Evaluation;

namespace Recs.Aot.Commands;

/// <summary>One seed's sample of light, medium or heavy raters (with the range of their training rating counts) and its figures per obscurity setting.</summary>
internal sealed record ObscurityEvalGroup(int Seed, string Group, int Users, int MinRatings, int MaxRatings, IReadOnlyList<ObscurityPoint> Points);
