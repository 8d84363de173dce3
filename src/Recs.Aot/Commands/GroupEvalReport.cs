using Recs.Engine.Evaluation;

namespace Recs.Aot.Commands;

/// <summary>What `recs eval-groups --json` prints: the settings, each seed's figures per group size, and per size the means over seeds (groups summed).</summary>
internal sealed record GroupEvalReport(GroupEvalSettings Settings, IReadOnlyList<GroupEvalRun> Runs, IReadOnlyList<GroupQuality> Means);
