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
        int rank = svd.Rank;
        var factors = new float[svd.Rows * rank];
        var sigma = svd.SingularValues.AsSpan(0, rank);
        for (int r = 0; r < svd.Rows; r++)
            TensorPrimitives.Multiply(svd.U.AsSpan(r * rank, rank), sigma, factors.AsSpan(r * rank, rank));
        return factors;
    }
}
