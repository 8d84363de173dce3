using System.Numerics.Tensors;

namespace Recs.Math;

/// <summary>Builds the points that user clustering runs on.</summary>
public static class ClusterGeometry
{
    /// <summary>
    /// Returns the rows of U·diag(σ) scaled to unit Euclidean length (all-zero rows stay zero), row-major rows×rank.
    /// Euclidean k-means on these is a cosine clustering of taste directions; unnormalised rows let heavy raters
    /// dominate. Throws ArgumentException when the buffer sizes disagree with rows and rank.
    /// </summary>
    public static float[] UnitScaledRows(ReadOnlySpan<float> u, ReadOnlySpan<float> singularValues, int rows, int rank)
    {
        var points = new float[System.Math.Max(0, rows) * System.Math.Max(0, rank)];
        UnitScaledRows(u, singularValues, rows, rank, points);
        return points;
    }

    /// <summary>
    /// As <see cref="UnitScaledRows(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int)"/>, written into
    /// <paramref name="points"/> (rows × rank, e.g. a training's pooled buffer); throws ArgumentException on its length too.
    /// </summary>
    public static void UnitScaledRows(ReadOnlySpan<float> u, ReadOnlySpan<float> singularValues, int rows, int rank, Span<float> points)
    {
        if (rows <= 0 || rank <= 0)
            throw new ArgumentException($"rows ({rows}) and rank ({rank}) must be positive.", nameof(rows));
        if (singularValues.Length < rank)
            throw new ArgumentException($"Expected at least {rank} singular values, got {singularValues.Length}.", nameof(singularValues));
        if (u.Length != rows * rank)
            throw new ArgumentException($"U has {u.Length} entries, expected {rows}×{rank}.", nameof(u));
        if (points.Length != rows * rank)
            throw new ArgumentException($"The points buffer has {points.Length} entries, expected {rows}×{rank}.", nameof(points));
        for (int r = 0; r < rows; r++)
        {
            var row = points.Slice(r * rank, rank);
            TensorPrimitives.Multiply(u.Slice(r * rank, rank), singularValues[..rank], row);
            float norm = TensorPrimitives.Norm<float>(row);
            if (norm > 0)
                TensorPrimitives.Divide(row, norm, row);
        }
    }

    /// <summary>Convenience overload taking the factors of a <see cref="TruncatedSvd"/>.</summary>
    public static float[] UnitScaledRows(TruncatedSvd svd)
    {
        ArgumentNullException.ThrowIfNull(svd);
        return UnitScaledRows(svd.U, svd.SingularValues, svd.Rows, svd.Rank);
    }
}
