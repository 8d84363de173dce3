using System.Numerics.Tensors;

namespace Recs.Math;

/// <summary>
/// Nearest-centre search by the expansion ‖x − c‖² = ‖x‖² − 2x·c + ‖c‖² with cached norms: one dot product per
/// centre instead of a subtraction pass. Cancellation only matters for the winning distance, which callers that need
/// it exactly recompute directly.
/// </summary>
internal static class NearestCentroid
{
    public static int Find(ReadOnlySpan<float> point, float pointNorm, ReadOnlySpan<float> centroids, ReadOnlySpan<float> centroidNorms,
        int dimensions, out float squaredDistance)
    {
        int best = 0;
        float bestDistance = float.PositiveInfinity;
        for (int c = 0; c < centroidNorms.Length; c++)
        {
            float d = pointNorm - 2f * TensorPrimitives.Dot(point, centroids.Slice(c * dimensions, dimensions)) + centroidNorms[c];
            if (d < bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }
        squaredDistance = System.Math.Max(bestDistance, 0f);
        return best;
    }

    public static void SquaredNorms(ReadOnlySpan<float> rows, int dimensions, Span<float> norms)
    {
        for (int i = 0; i < norms.Length; i++)
            norms[i] = TensorPrimitives.SumOfSquares(rows.Slice(i * dimensions, dimensions));
    }

    /// <summary>Squared distance accumulated in double, for inertia that must not suffer the expansion's cancellation.</summary>
    public static double ExactSquaredDistance(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double diff = (double)x[i] - y[i];
            sum += diff * diff;
        }
        return sum;
    }
}
