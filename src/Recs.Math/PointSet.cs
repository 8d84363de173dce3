namespace Recs.Math;

/// <summary>Validation for flat row-major point buffers.</summary>
internal static class PointSet
{
    /// <summary>Returns the point count; throws ArgumentException on a bad dimension, ragged length, no points or non-finite values.</summary>
    public static int Count(ReadOnlySpan<float> points, int dimensions, string paramName)
    {
        if (dimensions <= 0)
            throw new ArgumentException($"Dimensions must be positive, got {dimensions}.", nameof(dimensions));
        if (points.Length == 0)
            throw new ArgumentException("There are no points.", paramName);
        if (points.Length % dimensions != 0)
            throw new ArgumentException($"Buffer length {points.Length} is not a multiple of {dimensions} dimensions.", paramName);
        InputValidation.ThrowIfNotFinite(points, paramName);
        return points.Length / dimensions;
    }
}
