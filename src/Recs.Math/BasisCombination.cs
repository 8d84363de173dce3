using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Recs.Math;

/// <summary>
/// Dense products with a basis stored as contiguous vectors (vector j at [j·length, (j+1)·length)), computed one
/// tile of 64 rows at a time so each basis element is read from memory once, whatever the number of outputs:
/// a tile of every basis vector stays in L1 while all outputs for those rows are accumulated in registers.
/// Callers pass a row range so the work can be split across cores. The Lanczos rotations combine a basis into
/// itself (<see cref="CombineInPlace"/>), so no second basis is ever needed.
/// </summary>
internal static class BasisCombination
{
    /// <summary>Rows per tile; <see cref="CombineInPlace"/> ranges start on a multiple of it.</summary>
    public const int TileRows = 64;

    /// <summary>For rows [rowStart, rowEnd): x[r] −= Σ_j coefficients[j]·basis_j[r], with j &lt; count.</summary>
    [SkipLocalsInit]
    public static void Subtract(
        ReadOnlySpan<float> basis, int length, int count, ReadOnlySpan<float> coefficients, Span<float> x, int rowStart, int rowEnd)
    {
        Validate(basis, length, count, coefficients, 1, rowStart, rowEnd);
        if (x.Length != length)
            throw new ArgumentException($"x has length {x.Length}, expected {length}.", nameof(x));
        int r = rowStart;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; r + TileRows <= rowEnd; r += TileRows)
                CombineTile(basis, length, count, coefficients, x, r, r, subtract: true);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            AddScaledRows(basis, length, count, coefficients, -1f, x.Slice(rowStart, rowEnd - rowStart), rowStart);
            return;
        }
        for (; r < rowEnd; r++)
            x[r] -= RowSum(basis, length, count, coefficients, r);
    }

    /// <summary>
    /// For rows [rowStart, rowEnd) (rowStart a multiple of 64; an empty range may start anywhere), the basis combined
    /// into itself: basis_i[r] ← Σ_j basis_j[r]·weights[i·count + j] for i &lt; outputs ≤ count. Each 64-row tile of
    /// every output is computed into <paramref name="tile"/> (outputs × 64 values) before any row of that tile is
    /// overwritten, so a rotation needs a tile instead of a second basis.
    /// </summary>
    [SkipLocalsInit]
    public static void CombineInPlace(
        Span<float> basis, int length, int count, ReadOnlySpan<float> weights, int outputs, Span<float> tile, int rowStart, int rowEnd)
    {
        Validate(basis, length, count, weights, outputs, rowStart, rowEnd);
        if (outputs > count)
            throw new ArgumentException($"{outputs} outputs cannot overwrite a basis of {count} vectors.", nameof(outputs));
        if (tile.Length < outputs * TileRows)
            throw new ArgumentException($"tile holds {tile.Length} values, {outputs}×{TileRows} needed.", nameof(tile));
        if (rowStart % TileRows != 0 && rowStart < rowEnd)
            throw new ArgumentException($"Row {rowStart} does not start a tile of {TileRows}.", nameof(rowStart));
        for (int r = rowStart; r < rowEnd; r += TileRows)
        {
            int rows = System.Math.Min(TileRows, rowEnd - r);
            for (int i = 0; i < outputs; i++)
            {
                var target = tile.Slice(i * TileRows, TileRows);
                var w = weights.Slice(i * count, count);
                if (rows == TileRows && Vector256.IsHardwareAccelerated)
                {
                    CombineTile(basis, length, count, w, target, r, 0, subtract: false);
                }
                else
                {
                    target[..rows].Clear();
                    AddScaledRows(basis, length, count, w, 1f, target[..rows], r);
                }
            }
            for (int i = 0; i < outputs; i++)
                tile.Slice(i * TileRows, rows).CopyTo(basis.Slice(i * length + r, rows));
        }
    }

    /// <summary>
    /// Reference twin of <see cref="CombineInPlace"/>, written to a separate output: for rows [rowStart, rowEnd), output
    /// vector i gets Σ_j basis_j · weights[i·count + j], one row and one output at a time.
    /// </summary>
    public static void CombineScalar(
        ReadOnlySpan<float> basis, int length, int count, ReadOnlySpan<float> weights, int outputs,
        Span<float> output, int rowStart, int rowEnd)
    {
        Validate(basis, length, count, weights, outputs, rowStart, rowEnd);
        for (int r = rowStart; r < rowEnd; r++)
        {
            for (int i = 0; i < outputs; i++)
                output[i * length + r] = RowSum(basis, length, count, weights.Slice(i * count, count), r);
        }
    }

    // Without 256-bit vectors (e.g. a Native AOT binary for the x86-64 baseline) eight accumulators would spill, so
    // the fallback is one 128-bit TensorPrimitives AXPY per basis vector over the row range.
    internal static void AddScaledRows(
        ReadOnlySpan<float> basis, int length, int count, ReadOnlySpan<float> weights, float sign, Span<float> target, int rowStart)
    {
        for (int j = 0; j < count; j++)
        {
            float w = sign * weights[j];
            if (w != 0f)
                TensorPrimitives.MultiplyAdd(basis.Slice(j * length + rowStart, target.Length), w, target, target);
        }
    }

    private static float RowSum(ReadOnlySpan<float> basis, int length, int count, ReadOnlySpan<float> weights, int r)
    {
        float sum = 0f;
        for (int j = 0; j < count; j++)
            sum += weights[j] * basis[j * length + r];
        return sum;
    }

    // Eight 8-wide accumulators cover the 64-row tile and give eight independent FMA chains.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CombineTile(
        ReadOnlySpan<float> basis, int length, int count, ReadOnlySpan<float> weights, Span<float> target, int row, int targetRow,
        bool subtract)
    {
        ref float b = ref MemoryMarshal.GetReference(basis);
        ref float t = ref Unsafe.Add(ref MemoryMarshal.GetReference(target), targetRow);
        Vector256<float> a0, a1, a2, a3, a4, a5, a6, a7;
        if (subtract)
        {
            a0 = Vector256.LoadUnsafe(ref t, 0);
            a1 = Vector256.LoadUnsafe(ref t, 8);
            a2 = Vector256.LoadUnsafe(ref t, 16);
            a3 = Vector256.LoadUnsafe(ref t, 24);
            a4 = Vector256.LoadUnsafe(ref t, 32);
            a5 = Vector256.LoadUnsafe(ref t, 40);
            a6 = Vector256.LoadUnsafe(ref t, 48);
            a7 = Vector256.LoadUnsafe(ref t, 56);
        }
        else
        {
            a0 = a1 = a2 = a3 = a4 = a5 = a6 = a7 = Vector256<float>.Zero;
        }
        for (int j = 0; j < count; j++)
        {
            float wj = subtract ? -weights[j] : weights[j];
            if (wj == 0f)
                continue;
            var w = Vector256.Create(wj);
            ref float v = ref Unsafe.Add(ref b, (nint)j * length + row);
            a0 = Vector256.FusedMultiplyAdd(w, Vector256.LoadUnsafe(ref v, 0), a0);
            a1 = Vector256.FusedMultiplyAdd(w, Vector256.LoadUnsafe(ref v, 8), a1);
            a2 = Vector256.FusedMultiplyAdd(w, Vector256.LoadUnsafe(ref v, 16), a2);
            a3 = Vector256.FusedMultiplyAdd(w, Vector256.LoadUnsafe(ref v, 24), a3);
            a4 = Vector256.FusedMultiplyAdd(w, Vector256.LoadUnsafe(ref v, 32), a4);
            a5 = Vector256.FusedMultiplyAdd(w, Vector256.LoadUnsafe(ref v, 40), a5);
            a6 = Vector256.FusedMultiplyAdd(w, Vector256.LoadUnsafe(ref v, 48), a6);
            a7 = Vector256.FusedMultiplyAdd(w, Vector256.LoadUnsafe(ref v, 56), a7);
        }
        a0.StoreUnsafe(ref t, 0);
        a1.StoreUnsafe(ref t, 8);
        a2.StoreUnsafe(ref t, 16);
        a3.StoreUnsafe(ref t, 24);
        a4.StoreUnsafe(ref t, 32);
        a5.StoreUnsafe(ref t, 40);
        a6.StoreUnsafe(ref t, 48);
        a7.StoreUnsafe(ref t, 56);
    }

    private static void Validate(
        ReadOnlySpan<float> basis, int length, int count, ReadOnlySpan<float> weights, int outputs, int rowStart, int rowEnd)
    {
        if (basis.Length < (long)count * length)
            throw new ArgumentException($"basis holds {basis.Length} values, {count}×{length} needed.", nameof(basis));
        if (weights.Length < (long)count * outputs)
            throw new ArgumentException($"weights hold {weights.Length} values, {count}×{outputs} needed.", nameof(weights));
        if (rowStart < 0 || rowEnd > length || rowStart > rowEnd)
            throw new ArgumentException($"Row range [{rowStart}, {rowEnd}) is outside [0, {length}).", nameof(rowStart));
    }
}
