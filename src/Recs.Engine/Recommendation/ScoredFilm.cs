namespace Recs.Engine.Recommendation;

/// <summary>A candidate film (index into the dataset) with its ranking score and supporting evidence.</summary>
public readonly record struct ScoredFilm(int Film, float Score, int Supporters, float SupportMean);
