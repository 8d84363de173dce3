namespace Recs.Aot.Http.Contracts;

/// <summary>
/// One taste group: its id "cluster.sub", its trained members, the mean sampled silhouette of its members within their
/// cluster's split (null when the cluster was not split or no member was sampled) and the films and genres
/// over-represented among its members' high ratings.
/// </summary>
public sealed record TasteGroupItem(
    string Id, int Cluster, int Size, double? Silhouette, int HighRatings,
    IReadOnlyList<CharacteristicFilm> CharacteristicFilms, IReadOnlyList<CharacteristicGenre> CharacteristicGenres);
