namespace Recs.Aot.Http.Contracts;

/// <summary>The body of /api/clusters: every taste group of the serving model.</summary>
public sealed record ClustersResponse(string ModelVersion, int Users, int MinFilmSupport, int MinGenreSupport, IReadOnlyList<TasteGroupItem> Groups);
