using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Recs.Math;

/// <summary>Gather-based sparse dot products; TensorPrimitives has no indexed kernel.</summary>
internal static class SparseKernels
{
    /// <summary>Returns Σ values[i]·x[indices[i]]; indices must be valid positions in x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SparseDot(ReadOnlySpan<float> values, ReadOnlySpan<int> indices, ReadOnlySpan<float> x)
    {
        if (Avx2.IsSupported && values.Length >= 16)
            return SparseDotAvx2(values, indices, x);
        return SparseDotScalar(values, indices, x);
    }

    /// <summary>Returns Σ x[indices[i]]; indices must be valid positions in x.</summary>
    public static unsafe float GatherSum(ReadOnlySpan<int> indices, ReadOnlySpan<float> x)
    {
        int n = indices.Length;
        int i = 0;
        float sum = 0f;
        fixed (int* pi = indices)
        fixed (float* px = x)
        {
            if (Avx2.IsSupported)
            {
                var acc0 = Vector256<float>.Zero;
                var acc1 = Vector256<float>.Zero;
                for (; i + 16 <= n; i += 16)
                {
                    acc0 += Avx2.GatherVector256(px, Avx.LoadVector256(pi + i), 4);
                    acc1 += Avx2.GatherVector256(px, Avx.LoadVector256(pi + i + 8), 4);
                }
                sum = Vector256.Sum(acc0 + acc1);
            }
            for (; i < n; i++)
                sum += px[pi[i]];
        }
        return sum;
    }

    /// <summary>Reference twin of <see cref="SparseDot"/> with a plain loop.</summary>
    public static float SparseDotScalar(ReadOnlySpan<float> values, ReadOnlySpan<int> indices, ReadOnlySpan<float> x)
    {
        float sum = 0f;
        for (int i = 0; i < values.Length; i++)
            sum += values[i] * x[indices[i]];
        return sum;
    }

    internal static unsafe float SparseDotAvx2(ReadOnlySpan<float> values, ReadOnlySpan<int> indices, ReadOnlySpan<float> x)
    {
        if (values.Length != indices.Length)
            throw new ArgumentException("values and indices differ in length.", nameof(indices));
        int n = values.Length;
        int i = 0;
        float sum;
        fixed (float* pv = values)
        fixed (int* pi = indices)
        fixed (float* px = x)
        {
            // Two accumulators hide the gather latency; bounds are the caller's contract (CSR column indices).
            var acc0 = Vector256<float>.Zero;
            var acc1 = Vector256<float>.Zero;
            for (; i + 16 <= n; i += 16)
            {
                var g0 = Avx2.GatherVector256(px, Avx.LoadVector256(pi + i), 4);
                var g1 = Avx2.GatherVector256(px, Avx.LoadVector256(pi + i + 8), 4);
                acc0 = Fma.IsSupported ? Fma.MultiplyAdd(Avx.LoadVector256(pv + i), g0, acc0) : acc0 + Avx.LoadVector256(pv + i) * g0;
                acc1 = Fma.IsSupported ? Fma.MultiplyAdd(Avx.LoadVector256(pv + i + 8), g1, acc1) : acc1 + Avx.LoadVector256(pv + i + 8) * g1;
            }
            if (i + 8 <= n)
            {
                var g0 = Avx2.GatherVector256(px, Avx.LoadVector256(pi + i), 4);
                acc0 += Avx.LoadVector256(pv + i) * g0;
                i += 8;
            }
            sum = Vector256.Sum(acc0 + acc1);
            for (; i < n; i++)
                sum += pv[i] * px[pi[i]];
        }
        return sum;
    }
}
