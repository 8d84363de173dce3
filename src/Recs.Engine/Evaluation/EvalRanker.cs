using Recs.Engine.Recommendation;

namespace Recs.Engine.Evaluation;

/// <summary>Writes a user's best films (never their known ones) to the output best first and returns how many.</summary>
public delegate int EvalRanker(EvalUser user, Span<ScoredFilm> output);
