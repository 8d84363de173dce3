using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Recs.Math;

/// <summary>
/// Applies the plane rotation (x, y) ← (c·x − s·y, s·x + c·y) to two equal-length double vectors in place.
/// TensorPrimitives has no fused two-vector kernel; 256 bits wide (the columns are short, about 100–200 doubles), scalar tail.
/// </summary>
internal static class PlaneRotation
{
    /// <summary>Rotates x and y in place; throws ArgumentException when their lengths differ.</summary>
    [SkipLocalsInit]
    public static void Apply(Span<double> x, Span<double> y, double c, double s)
    {
        if (x.Length != y.Length)
            throw new ArgumentException($"x has length {x.Length} but y has {y.Length}.", nameof(y));
        ref double px = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x);
        ref double py = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(y);
        int n = x.Length;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<double>.Count)
        {
            var vc = Vector256.Create(c);
            var vs = Vector256.Create(s);
            for (; i + Vector256<double>.Count <= n; i += Vector256<double>.Count)
            {
                var xi = Vector256.LoadUnsafe(ref px, (nuint)i);
                var yi = Vector256.LoadUnsafe(ref py, (nuint)i);
                (vc * xi - vs * yi).StoreUnsafe(ref px, (nuint)i);
                (vs * xi + vc * yi).StoreUnsafe(ref py, (nuint)i);
            }
        }
        ApplyScalar(x[i..], y[i..], c, s);
    }

    /// <summary>Reference twin of <see cref="Apply"/> with a plain loop.</summary>
    public static void ApplyScalar(Span<double> x, Span<double> y, double c, double s)
    {
        for (int k = 0; k < x.Length; k++)
        {
            double xk = x[k];
            double yk = y[k];
            x[k] = c * xk - s * yk;
            y[k] = s * xk + c * yk;
        }
    }
}
