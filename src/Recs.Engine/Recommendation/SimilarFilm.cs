namespace Recs.Engine.Recommendation;

/// <summary>
/// A film like another one: its dataset index, the cosine of the two films' "rated by" columns, how many people rated
/// both and how many of those rated both at least <see cref="Catalog.StarRating.Liked"/>.
/// </summary>
public readonly record struct SimilarFilm(int Film, float Cosine, int SharedAudience, int BothLiked);
