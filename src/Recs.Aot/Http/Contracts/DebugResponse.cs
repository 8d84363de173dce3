namespace Recs.Aot.Http.Contracts;

/// <summary>The body of /api/debug/{username}: what the service knows about a user and the model serving them.</summary>
public sealed record DebugResponse(
    string Username, bool Exists, int Ratings, double? MeanRating, IReadOnlyList<RatedFilm> TopFilms, DebugModel Model, bool InCache);

public sealed record RatedFilm(string FilmId, string Title, int? Year, double Stars);

public sealed record DebugModel(string? Version, string Method, DateTimeOffset? BuiltAt, int Users, int Films, int Ratings, IReadOnlyList<string> FavouriteGenres);
