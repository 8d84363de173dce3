using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Recs.Math;

/// <summary>
/// Products of sparse rows whose values are byte codes, the entry at i being step·codes[i] − offset: a row's dot product
/// with a vector (gathering its entries) and a row added into a vector (scattering them).
/// </summary>
internal static class CodedSparseKernels
{
    /// <summary>Returns Σ (step·codes[i] − offset)·x[indices[i]]; indices must be valid positions in x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<byte> codes, ReadOnlySpan<int> indices, ReadOnlySpan<float> x, float step, float offset) =>
        Avx2.IsSupported && Fma.IsSupported && codes.Length >= 16 ? DotAvx2(codes, indices, x, step, offset) : DotScalar(codes, indices, x, step, offset);

    /// <summary>Reference twin of <see cref="Dot"/> with a plain loop.</summary>
    public static float DotScalar(ReadOnlySpan<byte> codes, ReadOnlySpan<int> indices, ReadOnlySpan<float> x, float step, float offset)
    {
        float sum = 0f;
        for (int i = 0; i < codes.Length; i++)
            sum += (step * codes[i] - offset) * x[indices[i]];
        return sum;
    }

    internal static unsafe float DotAvx2(ReadOnlySpan<byte> codes, ReadOnlySpan<int> indices, ReadOnlySpan<float> x, float step, float offset)
    {
        CheckLengths(codes, indices);
        int n = codes.Length;
        int i = 0;
        float sum;
        var steps = Vector256.Create(step);
        var offsets = Vector256.Create(offset);
        fixed (byte* pc = codes)
        fixed (int* pi = indices)
        fixed (float* px = x)
        {
            // Two accumulators hide the gather latency; eight codes widen straight from memory (vpmovzxbd), and the
            // entry step·code − offset is one fused multiply-subtract, the same rounding as a stored float value.
            var acc0 = Vector256<float>.Zero;
            var acc1 = Vector256<float>.Zero;
            for (; i + 16 <= n; i += 16)
            {
                var g0 = Avx2.GatherVector256(px, Avx.LoadVector256(pi + i), 4);
                var g1 = Avx2.GatherVector256(px, Avx.LoadVector256(pi + i + 8), 4);
                acc0 = Fma.MultiplyAdd(Fma.MultiplySubtract(Widen(pc + i), steps, offsets), g0, acc0);
                acc1 = Fma.MultiplyAdd(Fma.MultiplySubtract(Widen(pc + i + 8), steps, offsets), g1, acc1);
            }
            if (i + 8 <= n)
            {
                var g0 = Avx2.GatherVector256(px, Avx.LoadVector256(pi + i), 4);
                acc0 = Fma.MultiplyAdd(Fma.MultiplySubtract(Widen(pc + i), steps, offsets), g0, acc0);
                i += 8;
            }
            sum = Vector256.Sum(acc0 + acc1);
            for (; i < n; i++)
                sum += (step * pc[i] - offset) * px[pi[i]];
        }
        return sum;
    }

    /// <summary>
    /// Adds (step·codes[i] − offset)·scale to y[indices[i]] for every i: one row's share of a transposed product.
    /// Indices must be valid, distinct positions in y; the entry is one fused multiply-subtract, as in <see cref="Dot"/>.
    /// </summary>
    public static unsafe void ScatterAdd(ReadOnlySpan<byte> codes, ReadOnlySpan<int> indices, Span<float> y, float step, float offset, float scale)
    {
        CheckLengths(codes, indices);
        float* values = stackalloc float[8];
        fixed (byte* pc = codes)
        fixed (int* pi = indices)
        fixed (float* py = y)
            ScatterAdd(pc, pi, codes.Length, py, step, offset, scale, values);
    }

    /// <summary>Reference twin of <see cref="ScatterAdd(ReadOnlySpan{byte}, ReadOnlySpan{int}, Span{float}, float, float, float)"/>.</summary>
    public static void ScatterAddScalar(ReadOnlySpan<byte> codes, ReadOnlySpan<int> indices, Span<float> y, float step, float offset, float scale)
    {
        CheckLengths(codes, indices);
        for (int i = 0; i < codes.Length; i++)
            y[indices[i]] += MathF.FusedMultiplyAdd(step, codes[i], -offset) * scale;
    }

    /// <summary>
    /// The pointer form, inlined into a loop over many rows (pinned once for all of them): n codes and indices, and
    /// <paramref name="values"/> eight floats of scratch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe void ScatterAdd(byte* codes, int* indices, int n, float* y, float step, float offset, float scale, float* values)
    {
        int i = 0;
        if (Avx2.IsSupported && Fma.IsSupported)
        {
            var steps = Vector256.Create(step);
            var offsets = Vector256.Create(offset);
            var scales = Vector256.Create(scale);
            // Eight entries' values in one vector, then eight plain adds (AVX2 has no scatter); a scalar loop's
            // byte-to-float conversions would also chain through one register, as cvtsi2ss keeps its destination's
            // upper bits. Multiplying after the fused multiply-subtract rounds each value as the scalar loop does.
            for (; i + 8 <= n; i += 8)
            {
                Avx.Store(values, Fma.MultiplySubtract(Widen(codes + i), steps, offsets) * scales);
                int* at = indices + i;
                y[at[0]] += values[0];
                y[at[1]] += values[1];
                y[at[2]] += values[2];
                y[at[3]] += values[3];
                y[at[4]] += values[4];
                y[at[5]] += values[5];
                y[at[6]] += values[6];
                y[at[7]] += values[7];
            }
        }
        for (; i < n; i++)
            y[indices[i]] += MathF.FusedMultiplyAdd(step, codes[i], -offset) * scale;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<float> Widen(byte* codes) => Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(codes));

    private static void CheckLengths(ReadOnlySpan<byte> codes, ReadOnlySpan<int> indices)
    {
        if (codes.Length != indices.Length)
            throw new ArgumentException("codes and indices differ in length.", nameof(indices));
    }
}
