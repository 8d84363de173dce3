namespace Recs.Aot.Http.Contracts;

/// <summary>A film of a ranked list that the person has rated already, with their rating in stars (0.5–5).</summary>
public sealed record RatedFilmItem(string FilmId, string Title, int? Year, double Stars);
