namespace Recs.Aot.Http.Contracts;

/// <summary>
/// One recommended film: its stable id (slug), what it is, the ranking score and why it was chosen. <c>because</c>
/// holds the ids of the person's own films, each rated 4★ or more, that the reason names (empty when the reason is
/// the taste group or popularity).
/// </summary>
public sealed record RecommendationItem(string FilmId, string Title, int? Year, double Score, string Reason, IReadOnlyList<string> Because);
