namespace Recs.Engine.Catalog;

/// <summary>A film in the catalogue; <see cref="Slug"/> is the stable key (Letterboxd slug, or "ml-{movieId}" for MovieLens).</summary>
public sealed record Film(
    string Slug,
    string Title,
    int? Year,
    string[] Genres,
    string ContentType,
    float? Popularity,
    string? LetterboxdUri);
