using System.Numerics.Tensors;

namespace Recs.Math;

/// <summary>
/// Blocked Cholesky factorisation A = LLᵀ of a symmetric positive-definite matrix held row-major, and the inverse built
/// from it (<see cref="Invert"/>). Blocks of <see cref="BlockSize"/> columns go right-looking: factor the diagonal block
/// (<see cref="ColumnCholesky"/>), solve the panel below it, subtract the panel's product from the trailing lower triangle
/// with the packed 4 × 8 FMA tiles of <see cref="PackedTileProduct"/>, which do nearly all the multiply-adds. Parts that
/// are independent (row chunks of a product, rows of a panel solve) are spread over the cores.
/// </summary>
public static class Cholesky
{
    /// <summary>Smallest pivot kept: a singular matrix (a ridge of 0 on collinear columns) gives finite, if large, results instead of NaN.</summary>
    public const double PivotFloor = 1e-12;

    /// <summary>Columns per block: the k-depth of every tile product (128 doubles per packed row, a 4 × 8 tile's operands in 12 KB of L1).</summary>
    public const int BlockSize = 128;

    // Below this many rows a panel solve stays on one core.
    private const int ParallelRows = 256;

    /// <summary>
    /// Overwrites the lower triangle (diagonal included) of the leading n×n block of <paramref name="a"/> (row stride
    /// <paramref name="stride"/> ≥ n) with L; only that triangle is read or written. Pivots below <see cref="PivotFloor"/>
    /// are clamped there. Throws ArgumentException when the array is too short or n &gt; stride.
    /// </summary>
    public static void FactorLower(double[] a, int n, int stride)
    {
        ArgumentNullException.ThrowIfNull(a);
        ColumnCholesky.CheckShape(a.Length, n, stride);
        Factor(a, n, stride);
    }

    /// <summary>
    /// The unblocked factorisation of a span (<see cref="ColumnCholesky.FactorLower"/>), for the small systems of a ridge
    /// regression; same contract as the array overload.
    /// </summary>
    public static void FactorLower(Span<double> a, int n, int stride) => ColumnCholesky.FactorLower(a, n, stride);

    /// <summary>
    /// Replaces the n×n symmetric positive-definite <paramref name="a"/> (row-major, only the lower triangle read) by its
    /// full symmetric inverse, in place: L, then W = L⁻ᵀ (upper triangular) in the upper triangle, then A⁻¹ = WWᵀ into
    /// the lower triangle, mirrored at the end. About n³/2 multiply-adds spread over the cores, 2n extra doubles and
    /// pooled packing buffers. Throws ArgumentException when a is shorter than n².
    /// </summary>
    public static void Invert(double[] a, int n)
    {
        ArgumentNullException.ThrowIfNull(a);
        ColumnCholesky.CheckShape(a.Length, n, n);
        Factor(a, n, n);
        var diagonalL = new double[n];
        var diagonalW = new double[n];
        for (int i = 0; i < n; i++)
            diagonalL[i] = a[i * n + i];
        ForRows(0, n, n, i => a.AsSpan(i * n + i + 1, n - i - 1).Clear());
        InvertFactor(a, n, diagonalL, diagonalW);
        ForRows(0, n, n, i => a.AsSpan(i * n, i + 1).Clear());
        MultiplyByTranspose(a, n, diagonalW);
        Mirror(a, n);
    }

    private static void Factor(double[] a, int n, int stride)
    {
        for (int k0 = 0; k0 < n; k0 += BlockSize)
        {
            int k1 = System.Math.Min(n, k0 + BlockSize);
            ColumnCholesky.FactorLower(a.AsSpan(k0 * stride + k0), k1 - k0, stride);
            // Panel: row i below the block solves x·L_kkᵀ = a_i over the block's columns.
            int start = k0, end = k1;
            ForRows(k1, n, n - k1, i =>
            {
                var row = a.AsSpan(i * stride, end);
                for (int j = start; j < end; j++)
                    row[j] = (row[j] - TensorPrimitives.Dot<double>(row[start..j], a.AsSpan(j * stride + start, j - start))) / a[j * stride + j];
            });
            PackedTileProduct.Subtract(a, stride, k1, n, k1, n, lowerOnly: true, k0, k1,
                PackedTileProduct.Operand.Plain, PackedTileProduct.Operand.Plain, parallel: true);
        }
    }

    // W = L⁻ᵀ from W·Lᵀ = I, row i of W: W_ij = (δ_ij − Σ_{k=i..j−1} W_ik L_jk) / L_jj for j ≥ i. Block column by block
    // column: the block is solved for every row above its end, then its contribution is subtracted from all columns to
    // its right. W's strict upper part goes to a's upper triangle (zeroed first), its diagonal to diagonalW.
    private static void InvertFactor(double[] a, int n, double[] diagonalL, double[] diagonalW)
    {
        for (int k0 = 0; k0 < n; k0 += BlockSize)
        {
            int k1 = System.Math.Min(n, k0 + BlockSize), start = k0, end = k1;
            ForRows(0, k0, k0, i =>
            {
                var row = a.AsSpan(i * n, end);
                for (int j = start; j < end; j++)
                    row[j] = (row[j] - TensorPrimitives.Dot<double>(row[start..j], a.AsSpan(j * n + start, j - start))) / diagonalL[j];
            });
            for (int i = k0; i < k1; i++)
            {
                double wii = 1 / diagonalL[i];
                diagonalW[i] = wii;
                var row = a.AsSpan(i * n, k1);
                for (int j = i + 1; j < k1; j++)
                {
                    double sum = wii * a[j * n + i] + TensorPrimitives.Dot<double>(row[(i + 1)..j], a.AsSpan(j * n + i + 1, j - i - 1));
                    row[j] = (row[j] - sum) / diagonalL[j];
                }
            }
            PackedTileProduct.Subtract(a, n, 0, k1, k1, n, lowerOnly: false, k0, k1,
                new PackedTileProduct.Operand(1, diagonalW), PackedTileProduct.Operand.Plain, parallel: true);
        }
    }

    // A⁻¹ = W·Wᵀ, lower triangle: (A⁻¹)_ij = Σ_{k ≥ i} W_ik W_jk for i ≥ j, accumulated block column of W by block column
    // (rows beyond a block's end have nothing in it). The lower triangle starts at zero; A is negated so the kernel's
    // subtraction adds.
    private static void MultiplyByTranspose(double[] a, int n, double[] diagonalW)
    {
        for (int k0 = 0; k0 < n; k0 += BlockSize)
        {
            int k1 = System.Math.Min(n, k0 + BlockSize);
            PackedTileProduct.Subtract(a, n, 0, k1, 0, k1, lowerOnly: true, k0, k1,
                new PackedTileProduct.Operand(-1, diagonalW), new PackedTileProduct.Operand(1, diagonalW), parallel: true);
        }
    }

    // Copies the lower triangle onto the upper one in 64 × 64 tiles, so both sides of each copy stay in cache.
    private static void Mirror(double[] a, int n)
    {
        const int Tile = 64;
        int tiles = (n + Tile - 1) / Tile;
        ForRows(0, tiles, (long)n * n / 2 >= 1 << 18 ? tiles : 0, ti =>
        {
            int i0 = ti * Tile, i1 = System.Math.Min(n, i0 + Tile);
            for (int j0 = 0; j0 <= i0; j0 += Tile)
            {
                int j1 = System.Math.Min(n, j0 + Tile);
                for (int i = i0; i < i1; i++)
                {
                    for (int j = j0; j < System.Math.Min(j1, i); j++)
                        a[j * n + i] = a[i * n + j];
                }
            }
        });
    }

    // Runs body(i) for i in [from, to), on several cores when weight (rows of work) is large enough to pay for it.
    private static void ForRows(int from, int to, long weight, Action<int> body)
    {
        if (weight >= ParallelRows)
            Parallel.For(from, to, body);
        else
        {
            for (int i = from; i < to; i++)
                body(i);
        }
    }
}
