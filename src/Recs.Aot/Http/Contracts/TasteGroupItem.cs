namespace Recs.Aot.Http.Contracts;

/// <summary>
/// One taste group: its id "cluster.sub", its trained members, the sampled silhouette of its cluster's split (null
/// when the cluster was not split) and the films and genres over-represented among its members' high ratings.
/// </summary>
public sealed record TasteGroupItem(
    string Id, int Cluster, int Size, double? Silhouette, int HighRatings,
    IReadOnlyList<CharacteristicFilm> CharacteristicFilms, IReadOnlyList<CharacteristicGenre> CharacteristicGenres);
