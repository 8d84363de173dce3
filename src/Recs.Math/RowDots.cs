using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Recs.Math;

/// <summary>
/// A dense matrix–vector product over row-major rows: output[r] = rows[r] · vector. Scoring a person against every
/// film's factors is this product with a few dozen columns, where a separate dot per row spends more on the call and
/// its horizontal sum than on the arithmetic; here four rows share each load of the vector and one reduction.
/// </summary>
public static class RowDots
{
    /// <summary>
    /// Writes the dot product of each row of <paramref name="rows"/> (row r at [r·columns, (r+1)·columns)) with
    /// <paramref name="vector"/> (length <paramref name="columns"/>) to <paramref name="output"/>, one value per row.
    /// Throws <see cref="ArgumentException"/> when the lengths disagree.
    /// </summary>
    [SkipLocalsInit]
    public static void Compute(ReadOnlySpan<float> rows, int columns, ReadOnlySpan<float> vector, Span<float> output)
    {
        Validate(rows, columns, vector, output);
        int count = output.Length;
        int r = 0;
        if (Avx.IsSupported && Fma.IsSupported && columns >= Vector256<float>.Count)
            r = FourRowsAvx(rows, columns, vector, output);
        for (; r < count; r++)
            output[r] = TensorPrimitives.Dot(rows.Slice(r * columns, columns), vector);
    }

    /// <summary>The scalar twin of <see cref="Compute"/>: one multiply-add at a time, in column order.</summary>
    internal static void ComputeScalar(ReadOnlySpan<float> rows, int columns, ReadOnlySpan<float> vector, Span<float> output)
    {
        Validate(rows, columns, vector, output);
        for (int r = 0; r < output.Length; r++)
        {
            float sum = 0;
            for (int c = 0; c < columns; c++)
                sum += rows[r * columns + c] * vector[c];
            output[r] = sum;
        }
    }

    private static void Validate(ReadOnlySpan<float> rows, int columns, ReadOnlySpan<float> vector, Span<float> output)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if (vector.Length != columns)
            throw new ArgumentException($"vector holds {vector.Length} values, {columns} expected.", nameof(vector));
        if ((long)output.Length * columns > rows.Length)
            throw new ArgumentException($"rows hold {rows.Length} values, {output.Length}×{columns} needed.", nameof(rows));
    }

    // Blocks of four rows: each 8-column slice of the vector is loaded once for the four rows, the four accumulators
    // are reduced together by three horizontal adds, and the columns past the last full slice are added from a
    // masked-off overlapping load (the slice ending at the last column, with the columns already counted zeroed).
    // Returns how many rows it wrote.
    private static int FourRowsAvx(ReadOnlySpan<float> rows, int columns, ReadOnlySpan<float> vector, Span<float> output)
    {
        const int Lanes = 8;
        int full = columns - columns % Lanes;
        int tail = columns - full;
        ref float v = ref MemoryMarshal.GetReference(vector);
        // The last slice starts at columns − 8; lanes below 8 − tail were already summed by the full slices.
        var tailMask = Vector256.GreaterThanOrEqual(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(Lanes - tail)).AsSingle();
        var tailVector = tail > 0 ? Vector256.BitwiseAnd(Vector256.LoadUnsafe(ref v, (nuint)(columns - Lanes)), tailMask) : default;
        int blocks = output.Length / 4 * 4;
        for (int r = 0; r < blocks; r += 4)
        {
            ref float r0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(rows), r * columns);
            ref float r1 = ref Unsafe.Add(ref r0, columns);
            ref float r2 = ref Unsafe.Add(ref r1, columns);
            ref float r3 = ref Unsafe.Add(ref r2, columns);
            Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
            for (int c = 0; c < full; c += Lanes)
            {
                var x = Vector256.LoadUnsafe(ref v, (nuint)c);
                a0 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref r0, (nuint)c), x, a0);
                a1 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref r1, (nuint)c), x, a1);
                a2 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref r2, (nuint)c), x, a2);
                a3 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref r3, (nuint)c), x, a3);
            }
            if (tail > 0)
            {
                nuint last = (nuint)(columns - Lanes);
                a0 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref r0, last), tailVector, a0);
                a1 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref r1, last), tailVector, a1);
                a2 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref r2, last), tailVector, a2);
                a3 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref r3, last), tailVector, a3);
            }
            // hadd(a0, a1) = [a0₀+a0₁, a0₂+a0₃, a1₀+a1₁, a1₂+a1₃ | the same for the upper halves]; a second hadd of the
            // two pairs leaves each row's partial sums in lane i of both 128-bit halves, which the last add joins.
            var pairs = Avx.HorizontalAdd(Avx.HorizontalAdd(a0, a1), Avx.HorizontalAdd(a2, a3));
            var sums = pairs.GetLower() + pairs.GetUpper();
            sums.StoreUnsafe(ref MemoryMarshal.GetReference(output), (nuint)r);
        }
        return blocks;
    }
}
