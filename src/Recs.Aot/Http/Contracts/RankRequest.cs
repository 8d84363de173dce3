namespace Recs.Aot.Http.Contracts;

/// <summary>The JSON body of POST /api/recomendacoes/{username}/rank: films as slugs or Letterboxd film URIs.</summary>
public sealed record RankRequest(IReadOnlyList<string>? Films);
