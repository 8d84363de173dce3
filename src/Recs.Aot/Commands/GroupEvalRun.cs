using Recs.Engine.Evaluation;

namespace Recs.Aot.Commands;

/// <summary>One seed's figures for one group size.</summary>
internal sealed record GroupEvalRun(int Seed, GroupQuality Quality);
