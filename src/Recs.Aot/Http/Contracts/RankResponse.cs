namespace Recs.Aot.Http.Contracts;

/// <summary>
/// The body of POST /api/recomendacoes/{username}/rank: the matched films the person has not rated, best fit first
/// (<c>items</c>); the matched films they rated, with their own stars, in list order (<c>already_rated</c>); and the
/// entries that match no film of the catalogue, as sent (<c>unmatched</c>). Mode is computed or fallback (popularity).
/// </summary>
public sealed record RankResponse(
    string Username, string Mode, double ElapsedMs, string? ModelVersion, IReadOnlyList<RecommendationItem> Items,
    IReadOnlyList<RatedFilmItem> AlreadyRated, IReadOnlyList<string> Unmatched, string? Note);
