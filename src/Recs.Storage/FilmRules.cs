using Recs.Engine.Catalog;

namespace Recs.Storage;

/// <summary>Checks a film before any store writes it, so both stores reject the same input the same way.</summary>
internal static class FilmRules
{
    public static void Validate(Film film)
    {
        ArgumentNullException.ThrowIfNull(film);
        if (string.IsNullOrWhiteSpace(film.Slug))
        {
            throw new ArgumentException("film slug is empty", nameof(film));
        }
        if (film.Title is null || film.Genres is null || film.ContentType is null)
        {
            throw new ArgumentException($"film '{film.Slug}' lacks a title, genres or content type", nameof(film));
        }
    }
}
