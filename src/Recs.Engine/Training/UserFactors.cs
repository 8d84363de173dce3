using System.Numerics.Tensors;
using Recs.Math;

namespace Recs.Engine.Training;

/// <summary>The per-user taste coordinates U·Σ of a truncated SVD.</summary>
public static class UserFactors
{
    /// <summary>Returns U·diag(σ) row-major (rows × rank); each column's Euclidean norm equals its singular value.</summary>
    public static float[] Scaled(TruncatedSvd svd)
    {
        ArgumentNullException.ThrowIfNull(svd);
        var factors = new float[svd.Rows * svd.Rank];
        Scaled(svd, factors);
        return factors;
    }

    /// <summary>As <see cref="Scaled(TruncatedSvd)"/>, into <paramref name="factors"/> (rows × rank); throws ArgumentException when its length differs.</summary>
    public static void Scaled(TruncatedSvd svd, Span<float> factors)
    {
        ArgumentNullException.ThrowIfNull(svd);
        int rank = svd.Rank;
        if (factors.Length != svd.Rows * rank)
            throw new ArgumentException($"{factors.Length} entries for {svd.Rows}×{rank} factors.", nameof(factors));
        var sigma = svd.SingularValues.AsSpan(0, rank);
        for (int r = 0; r < svd.Rows; r++)
            TensorPrimitives.Multiply(svd.U.AsSpan(r * rank, rank), sigma, factors.Slice(r * rank, rank));
    }
}
