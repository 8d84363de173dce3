namespace Recs.Engine.Evaluation;

/// <summary>One rating as read from an evaluation file: user key, film key, stars (0.5–5).</summary>
public readonly record struct RatingTriple(string User, string Film, float Stars);
