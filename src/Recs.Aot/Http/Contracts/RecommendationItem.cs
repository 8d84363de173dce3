namespace Recs.Aot.Http.Contracts;

/// <summary>One recommended film: its stable id (slug), what it is, the ranking score and why it was chosen.</summary>
public sealed record RecommendationItem(string FilmId, string Title, int? Year, double Score, string Reason);
