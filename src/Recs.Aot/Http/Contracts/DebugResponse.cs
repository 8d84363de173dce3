namespace Recs.Aot.Http.Contracts;

/// <summary>The body of /api/debug/{username}: what the service knows about a user and the model serving them.</summary>
public sealed record DebugResponse(
    string Username, bool Exists, int Ratings, double? MeanRating, IReadOnlyList<RatedFilm> TopFilms, DebugModel Model, bool InCache);

public sealed record RatedFilm(string FilmId, string Title, int? Year, double Stars);

public sealed record DebugModel(
    string? Version, string Method, DateTimeOffset? BuiltAt, int Users, int Films, int Ratings, IReadOnlyList<string> FavouriteGenres,
    DebugCluster? Cluster, DebugGroup? Group = null);

/// <summary>The taste cluster a user folds into: its id among <c>Clusters</c>, how many trained users it holds, and its most-rated films.</summary>
public sealed record DebugCluster(int Id, int Clusters, int Members, IReadOnlyList<RatedFilm> MostRated);
