using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Recs.Math;

/// <summary>
/// The one kernel of the blocked Cholesky routines: C −= A·Bᵀ over a narrow band of k, where C, A and B are all pieces
/// of one row-major matrix. Operand rows are first copied into k-major strips (<see cref="TileRows"/> rows of A,
/// <see cref="TileColumns"/> rows of B), so the innermost loop reads both operands contiguously and never needs a
/// horizontal sum: a 4 × 8 tile of C stays in eight 256-bit registers while k advances, one FMA per register per step.
/// A chunk of A rows (about 64 KB) stays in L2 while each 8 KB strip of B streams through L1.
/// </summary>
internal static class PackedTileProduct
{
    /// <summary>Rows of C one tile covers.</summary>
    public const int TileRows = 4;

    /// <summary>Columns of C one tile covers (two 256-bit vectors of doubles).</summary>
    public const int TileColumns = 8;

    // Rows of C per parallel part: a multiple of TileRows whose packed A (at 128 k) is 64 KB.
    private const int ChunkRows = 64;

    /// <summary>Whether tiles use the 256-bit FMA kernel; the tests switch it off to run the scalar twin on the same inputs.</summary>
    internal static bool UseVectors { get; set; } = Vector256.IsHardwareAccelerated && Fma.IsSupported;

    /// <summary>
    /// C[i, j] −= Σ_{k ∈ [k0, k1)} A(i, k)·B(j, k) for rows i ∈ [r0, r1) and columns j ∈ [c0, c1) of <paramref name="a"/>
    /// (row stride <paramref name="stride"/>), only j ≤ i when <paramref name="lowerOnly"/>. Both operands are rows of
    /// <paramref name="a"/> itself: read as they stand, or, with a diagonal given, as rows of an upper-triangular matrix
    /// whose diagonal is held apart (zero left of it), as <paramref name="left"/> and <paramref name="right"/> say. C must not
    /// overlap the entries the operands read.
    /// </summary>
    public static void Subtract(double[] a, int stride, int r0, int r1, int c0, int c1, bool lowerOnly, int k0, int k1,
        Operand left, Operand right, bool parallel)
    {
        int kc = k1 - k0;
        if (r1 <= r0 || c1 <= c0 || kc <= 0)
            return;
        int strips = (c1 - c0 + TileColumns - 1) / TileColumns;
        var packedB = ArrayPool<double>.Shared.Rent(strips * TileColumns * kc);
        try
        {
            Pack(a, stride, c0, c1, k0, k1, TileColumns, right, packedB);
            int chunks = (r1 - r0 + ChunkRows - 1) / ChunkRows;
            long work = (long)(r1 - r0) * (c1 - c0) * kc;
            if (parallel && chunks > 1 && work > 1 << 20)
                Parallel.For(0, chunks, chunk => SubtractChunk(a, stride, r0 + chunk * ChunkRows, System.Math.Min(r1, r0 + (chunk + 1) * ChunkRows), c0, c1, lowerOnly, k0, k1, left, packedB));
            else
            {
                for (int chunk = 0; chunk < chunks; chunk++)
                    SubtractChunk(a, stride, r0 + chunk * ChunkRows, System.Math.Min(r1, r0 + (chunk + 1) * ChunkRows), c0, c1, lowerOnly, k0, k1, left, packedB);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(packedB);
        }
    }

    /// <summary>
    /// Copies rows [r0, r1) × columns [k0, k1) of <paramref name="a"/> into k-major strips of <paramref name="width"/> rows:
    /// entry (r, k) goes to pack[(s·kc + k − k0)·width + r − r0 − s·width] with s = (r − r0) / width; a last partial strip
    /// is padded with zeros.
    /// </summary>
    public static void Pack(ReadOnlySpan<double> a, int stride, int r0, int r1, int k0, int k1, int width, Operand operand, Span<double> pack)
    {
        int kc = k1 - k0;
        int strips = (r1 - r0 + width - 1) / width;
        for (int s = 0; s < strips; s++)
        {
            var strip = pack.Slice(s * kc * width, kc * width);
            for (int w = 0; w < width; w++)
            {
                int row = r0 + s * width + w;
                if (row >= r1)
                {
                    for (int k = 0; k < kc; k++)
                        strip[k * width + w] = 0;
                    continue;
                }
                var source = a.Slice(row * stride + k0, kc);
                for (int k = 0; k < kc; k++)
                    strip[k * width + w] = operand.Scale * source[k];
                if (operand.Diagonal is { } diagonal && row >= k0)
                {
                    // Upper-triangular row: nothing left of its diagonal, which is held apart.
                    int zeros = System.Math.Min(row - k0, kc);
                    for (int k = 0; k < zeros; k++)
                        strip[k * width + w] = 0;
                    if (row < k1)
                        strip[(row - k0) * width + w] = operand.Scale * diagonal[row];
                }
            }
        }
    }

    private static void SubtractChunk(double[] a, int stride, int r0, int r1, int c0, int c1, bool lowerOnly, int k0, int k1, Operand left, double[] packedB)
    {
        int kc = k1 - k0;
        int rowStrips = (r1 - r0 + TileRows - 1) / TileRows;
        var packedA = ArrayPool<double>.Shared.Rent(rowStrips * TileRows * kc);
        try
        {
            Pack(a, stride, r0, r1, k0, k1, TileRows, left, packedA);
            int columnEnd = lowerOnly ? System.Math.Min(c1, r1) : c1;
            for (int j = c0; j < columnEnd; j += TileColumns)
            {
                var b = packedB.AsSpan((j - c0) / TileColumns * TileColumns * kc, TileColumns * kc);
                int cols = System.Math.Min(TileColumns, c1 - j);
                for (int i = r0; i < r1; i += TileRows)
                {
                    int rows = System.Math.Min(TileRows, r1 - i);
                    // Tiles wholly right of the diagonal hold nothing of the lower triangle.
                    if (lowerOnly && j > i + rows - 1)
                        continue;
                    int diagonal = lowerOnly ? i - j : int.MaxValue / 2;
                    var tileA = packedA.AsSpan((i - r0) / TileRows * TileRows * kc, TileRows * kc);
                    SubtractTile(tileA, b, kc, a.AsSpan(i * stride + j), stride, rows, cols, diagonal);
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(packedA);
        }
    }

    /// <summary>
    /// c[r·stride + col] −= Σ_k tileA[k·4 + r]·tileB[k·8 + col] for r &lt; rows, col &lt; cols and col ≤ r + diagonal.
    /// </summary>
    [SkipLocalsInit]
    internal static void SubtractTile(ReadOnlySpan<double> tileA, ReadOnlySpan<double> tileB, int kc, Span<double> c, int stride, int rows, int cols, int diagonal)
    {
        Span<double> tile = stackalloc double[TileRows * TileColumns];
        if (UseVectors)
        {
            if (rows == TileRows && cols == TileColumns && diagonal >= TileColumns - 1)
            {
                SubtractTileVector(tileA, tileB, kc, c, stride);
                return;
            }
            ProductVector(tileA, tileB, kc, tile);
        }
        else
            ProductScalar(tileA, tileB, kc, tile);
        for (int r = 0; r < rows; r++)
        {
            int last = System.Math.Min(cols, r + diagonal + 1);
            for (int col = 0; col < last; col++)
                c[r * stride + col] -= tile[r * TileColumns + col];
        }
    }

    /// <summary>The scalar twin: the 4 × 8 product of two packed strips, row-major into <paramref name="tile"/>.</summary>
    internal static void ProductScalar(ReadOnlySpan<double> tileA, ReadOnlySpan<double> tileB, int kc, Span<double> tile)
    {
        tile[..(TileRows * TileColumns)].Clear();
        for (int k = 0; k < kc; k++)
        {
            for (int r = 0; r < TileRows; r++)
            {
                double left = tileA[k * TileRows + r];
                for (int col = 0; col < TileColumns; col++)
                    tile[r * TileColumns + col] = System.Math.FusedMultiplyAdd(left, tileB[k * TileColumns + col], tile[r * TileColumns + col]);
            }
        }
    }

    internal static void ProductVector(ReadOnlySpan<double> tileA, ReadOnlySpan<double> tileB, int kc, Span<double> tile)
    {
        tile[..(TileRows * TileColumns)].Clear();
        SubtractTileVector(tileA, tileB, kc, tile, TileColumns);
        for (int i = 0; i < TileRows * TileColumns; i++)
            tile[i] = -tile[i];
    }

    // Eight accumulators, one per (row, half) of the tile: each k step loads two vectors of B, broadcasts four
    // entries of A and issues eight independent FMAs, so the FMA units never wait on one chain.
    private static void SubtractTileVector(ReadOnlySpan<double> tileA, ReadOnlySpan<double> tileB, int kc, Span<double> c, int stride)
    {
        ref double pa = ref MemoryMarshal.GetReference(tileA);
        ref double pb = ref MemoryMarshal.GetReference(tileB);
        Vector256<double> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<double> c20 = default, c21 = default, c30 = default, c31 = default;
        for (int k = 0; k < kc; k++)
        {
            var b0 = Vector256.LoadUnsafe(ref pb, (nuint)(k * TileColumns));
            var b1 = Vector256.LoadUnsafe(ref pb, (nuint)(k * TileColumns + 4));
            var a0 = Vector256.Create(Unsafe.Add(ref pa, k * TileRows));
            c00 = Vector256.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector256.Create(Unsafe.Add(ref pa, k * TileRows + 1));
            c10 = Vector256.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector256.Create(Unsafe.Add(ref pa, k * TileRows + 2));
            c20 = Vector256.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector256.Create(Unsafe.Add(ref pa, k * TileRows + 3));
            c30 = Vector256.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
        }
        ref double pc = ref MemoryMarshal.GetReference(c);
        SubtractRow(ref pc, 0, c00, c01);
        SubtractRow(ref pc, (nuint)stride, c10, c11);
        SubtractRow(ref pc, (nuint)(2 * stride), c20, c21);
        SubtractRow(ref pc, (nuint)(3 * stride), c30, c31);
    }

    private static void SubtractRow(ref double c, nuint offset, Vector256<double> low, Vector256<double> high)
    {
        (Vector256.LoadUnsafe(ref c, offset) - low).StoreUnsafe(ref c, offset);
        (Vector256.LoadUnsafe(ref c, offset + 4) - high).StoreUnsafe(ref c, offset + 4);
    }

    /// <summary>How the rows of one operand are read: scaled, and optionally as an upper-triangular row with its diagonal held apart.</summary>
    public readonly record struct Operand(double Scale, double[]? Diagonal)
    {
        /// <summary>Rows read as they stand.</summary>
        public static Operand Plain => new(1, null);
    }
}
