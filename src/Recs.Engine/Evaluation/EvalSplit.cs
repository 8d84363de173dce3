using Recs.Engine.Data;

namespace Recs.Engine.Evaluation;

/// <summary>A training set and the people to evaluate on it: users in the training data, and users folded in from their ratings.</summary>
public sealed record EvalSplit(RatingsDataset Train, IReadOnlyList<EvalUser> Trained, IReadOnlyList<EvalUser> FoldedIn, int SkippedTestUsers);
