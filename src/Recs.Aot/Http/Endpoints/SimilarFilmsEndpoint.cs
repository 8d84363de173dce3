using System.Buffers;
using Microsoft.AspNetCore.Http.HttpResults;
using Recs.Aot.Http.Contracts;
using Recs.Aot.Http.OpenApi;
using Recs.Engine.Recommendation;
using Recs.Engine.Serving;

namespace Recs.Aot.Http.Endpoints;

internal static class SimilarFilmsEndpoint
{
    public const int MaxLimit = 50;
    public const int DefaultLimit = 10;
    private const int MaxFilmIdLength = 200;

    /// <summary>
    /// GET /api/films/{film_id}/similar?limit=N (1–50, default 10): the films most like one film, from the trained item
    /// neighbours, with their shared audience as the reason. 400 for a malformed id or limit, 404 for a film not in
    /// the catalogue, 503 with Retry-After before the first training (the neighbours come from the trained model).
    /// </summary>
    public static RouteGroupBuilder MapSimilarFilms(this RouteGroupBuilder api)
    {
        api.MapGet("/films/{filmId}/similar", Handle)
            .WithName("SimilarFilms").WithTags(ApiTags.Recommendations)
            .WithSummary("Films like this one")
            .WithDescription("The film's neighbours in the trained item model, best audience cosine first, each with how many " +
                "people rated both and how many gave both 4★ or more. `limit` is 1–50 (default 10). 404 for a film not in the " +
                "catalogue; 503 with Retry-After before the first training.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    internal static Results<Ok<SimilarFilmsResponse>, ProblemHttpResult> Handle(string filmId, string? limit, ModelHolder holder, HttpContext http)
    {
        if (!IsWellFormed(filmId))
            return Problems.InvalidParameter($"'{(filmId.Length <= 40 ? filmId : filmId[..40] + "…")}' is not a film id: use the film's slug (letters, digits, '-', '_', '.', ':'; at most {MaxFilmIdLength} characters)");
        if (!QueryParsing.TryInt(limit, "limit", 1, MaxLimit, DefaultLimit, out int n, out var problem))
            return problem!;
        var model = holder.Current;
        if (model?.Trained is not { } trained)
        {
            http.Response.Headers.RetryAfter = "5";
            return Problems.Unavailable("similar films come from the trained model, and none is serving yet");
        }
        var data = model.Data;
        if (!data.FilmIndex.TryGetValue(filmId, out int film))
            return Problems.WithStatus(StatusCodes.Status404NotFound, "Unknown film", $"no film with id '{filmId}' is in the catalogue");

        var buffer = ArrayPool<SimilarFilm>.Shared.Rent(n);
        try
        {
            int found = SimilarFilms.Find(trained, data, film, buffer.AsSpan(0, n));
            var asked = data.Films[film];
            var items = new SimilarFilmItem[found];
            for (int i = 0; i < found; i++)
            {
                var s = buffer[i];
                var other = data.Films[s.Film];
                items[i] = new SimilarFilmItem(other.Slug, other.Title, other.Year, System.Math.Round(s.Cosine, 4), s.SharedAudience, s.BothLiked,
                    $"{s.SharedAudience} people rated both {asked.Title} and this; {s.BothLiked} of them gave both 4★ or more");
            }
            return TypedResults.Ok(new SimilarFilmsResponse(asked.Slug, asked.Title, asked.Year, model.Version, items));
        }
        finally
        {
            ArrayPool<SimilarFilm>.Shared.Return(buffer);
        }
    }

    private static bool IsWellFormed(string filmId)
    {
        if (filmId.Length is 0 or > MaxFilmIdLength)
            return false;
        foreach (char c in filmId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
                return false;
        }
        return true;
    }
}
