namespace Recs.Aot.Http.Contracts;

/// <summary>
/// One film like the one asked about: <c>score</c> is the cosine of the two films' audiences (0–1),
/// <c>shared_audience</c> how many people rated both, <c>both_liked</c> how many of them rated both 4★ or more.
/// </summary>
public sealed record SimilarFilmItem(string FilmId, string Title, int? Year, double Score, int SharedAudience, int BothLiked, string Reason);
