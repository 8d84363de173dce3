namespace Recs.Aot.Http.Contracts;

/// <summary>An uploaded rating whose film is not in the catalogue, as the export named it.</summary>
public sealed record UnmatchedFilm(string Name, int? Year, string LetterboxdUri);
