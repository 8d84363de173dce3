using Recs.Engine.Evaluation;

namespace Recs.Aot.Commands;

/// <summary>What `recs eval --json` prints: the settings, each seed's run, and per ranker the mean and spread over seeds for trained and folded-in users.</summary>
internal sealed record EvalReport(
    EvalSettings Settings, IReadOnlyList<EvalSeedRun> Runs, IReadOnlyList<RankingSummary> Trained, IReadOnlyList<RankingSummary> FoldedIn);
