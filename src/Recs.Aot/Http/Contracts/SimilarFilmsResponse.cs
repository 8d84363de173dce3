namespace Recs.Aot.Http.Contracts;

/// <summary>The body of /api/films/{film_id}/similar: the film asked about and the films most like it, best first.</summary>
public sealed record SimilarFilmsResponse(string FilmId, string Title, int? Year, string ModelVersion, IReadOnlyList<SimilarFilmItem> Items);
