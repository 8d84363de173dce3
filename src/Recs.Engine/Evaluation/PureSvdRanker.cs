using System.Numerics.Tensors;
using Recs.Engine.Catalog;
using Recs.Engine.Data;
using Recs.Math;

namespace Recs.Engine.Evaluation;

/// <summary>
/// The PureSVD baseline (Cremonesi et al. 2010): a truncated SVD X ≈ UΣVᵀ of the raw users × films star matrix
/// (unrated = 0, no centring, no debiasing); a person with rating row r scores film f by (r·V)·vᶠ, the projection of
/// their row onto the leading right singular vectors, so trained and folded-in people are scored the same way.
/// </summary>
public sealed class PureSvdRanker
{
    private readonly float[] _v;

    private PureSvdRanker(float[] v, int films, int rank)
    {
        _v = v;
        FilmCount = films;
        Rank = rank;
    }

    /// <summary>Films in the training set (rows of V).</summary>
    public int FilmCount { get; }

    /// <summary>Factors kept: the rank asked for, capped at min(users, films).</summary>
    public int Rank { get; }

    /// <summary>Fits the SVD of <paramref name="train"/>'s raw ratings at <paramref name="rank"/> factors; throws ArgumentException when the data set has no rating.</summary>
    public static PureSvdRanker Fit(RatingsDataset train, int rank)
    {
        ArgumentNullException.ThrowIfNull(train);
        var rows = new int[train.RatingCount];
        for (int u = 0; u < train.UserCount; u++)
            rows.AsSpan(train.UserOffsets[u], train.UserOffsets[u + 1] - train.UserOffsets[u]).Fill(u);
        var stars = new float[train.RatingCount];
        StarRating.FromUnits(train.UserHalfStars, stars);
        var matrix = CsrMatrix.FromTriples(rows, train.UserFilms, stars, train.UserCount, train.FilmCount);
        int r = System.Math.Min(rank, System.Math.Min(train.UserCount, train.FilmCount));
        var svd = LanczosSvd.Compute(matrix, new LanczosSvdOptions { Rank = r, LeftVectors = false });
        return new PureSvdRanker(svd.V, train.FilmCount, r);
    }

    /// <summary>Writes (r·V)·vᶠ for every film f into <paramref name="scores"/> (length <see cref="FilmCount"/>), known films included.</summary>
    public void Score(ReadOnlySpan<int> films, ReadOnlySpan<float> stars, Span<float> scores)
    {
        Span<float> q = Rank <= 256 ? stackalloc float[Rank] : new float[Rank];
        q.Clear();
        for (int i = 0; i < films.Length; i++)
            TensorPrimitives.MultiplyAdd(_v.AsSpan(films[i] * Rank, Rank), stars[i], q, q);
        RowDots.Compute(_v, Rank, q, scores[..FilmCount]);
    }

    /// <summary>This model as a ranker: the best-scoring films the person has not rated.</summary>
    public EvalRanker AsRanker() => (user, output) =>
    {
        var scores = new float[FilmCount];
        Score(user.Films, user.Stars, scores);
        return KnownFilmsExcluded.Top(scores, user.Films, output);
    };
}
