using System.Numerics.Tensors;

namespace Recs.Math;

/// <summary>
/// Cholesky factorisation A = LLᵀ column by column, and the inverse built from it (<see cref="Invert"/>): the unblocked
/// routines. Every inner product runs over contiguous row prefixes, so each is one
/// <see cref="TensorPrimitives.Dot{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/>. <see cref="Cholesky"/> factors its diagonal
/// blocks with <see cref="FactorLower"/>; the tests and the benchmark compare the blocked inverse with <see cref="Invert"/>.
/// Pivots are clamped at <see cref="Cholesky.PivotFloor"/>.
/// </summary>
public static class ColumnCholesky
{
    private const double PivotFloor = Cholesky.PivotFloor;

    // Below this many multiply-adds a column is cheaper on one core than the cost of scheduling it on several.
    private const long ParallelWork = 1 << 16;

    /// <summary>
    /// Overwrites the lower triangle (diagonal included) of the leading n×n block of <paramref name="a"/> (row stride
    /// <paramref name="stride"/> ≥ n) with L; only that triangle is read. Pivots below <see cref="PivotFloor"/> are clamped
    /// there. Throws ArgumentException when the span is too short or n &gt; stride.
    /// </summary>
    public static void FactorLower(Span<double> a, int n, int stride)
    {
        CheckShape(a.Length, n, stride);
        for (int j = 0; j < n; j++)
        {
            FactorPivot(a, stride, j);
            FactorBelowPivot(a, stride, j, j + 1, n);
        }
    }

    /// <summary>
    /// Replaces the n×n symmetric positive-definite <paramref name="a"/> (row-major, only the lower triangle read) by its
    /// full symmetric inverse, in place: L from <see cref="FactorLower"/>, then L⁻¹ row by row, then A⁻¹ = L⁻ᵀL⁻¹. About
    /// n³/2 multiply-adds spread over the cores, and n extra doubles. Throws ArgumentException when a is shorter than n².
    /// </summary>
    public static void Invert(double[] a, int n)
    {
        ArgumentNullException.ThrowIfNull(a);
        CheckShape(a.Length, n, n);
        for (int j = 0; j < n; j++)
        {
            FactorPivot(a, n, j);
            if ((long)(n - j) * j < ParallelWork)
            {
                FactorBelowPivot(a, n, j, j + 1, n);
                continue;
            }
            // Entries below the pivot depend only on earlier columns and the pivot, so rows split freely.
            int column = j, parts = Environment.ProcessorCount;
            Parallel.For(0, parts, part =>
            {
                var (start, end) = Share(column + 1, n, part, parts);
                FactorBelowPivot(a, n, column, start, end);
            });
        }
        var diagonal = new double[n];
        for (int i = 0; i < n; i++)
        {
            diagonal[i] = a[i * n + i];
            for (int k = i + 1; k < n; k++)
                a[i * n + k] = a[k * n + i];
        }
        // Upper triangle = Lᵀ. Row i of X = L⁻¹ solves X L = I from the right: X_ij = −Σ_{k=j+1..i} X_ik L_kj / L_jj, and
        // L_kj for k > j is row j of Lᵀ, so both operands are contiguous. Rows are independent; X goes to the lower triangle.
        Parallel.For(0, n, i =>
        {
            var row = a.AsSpan(i * n, i + 1);
            row[i] = 1 / diagonal[i];
            for (int j = i - 1; j >= 0; j--)
                row[j] = -TensorPrimitives.Dot<double>(row.Slice(j + 1, i - j), a.AsSpan(j * n + j + 1, i - j)) / diagonal[j];
        });
        for (int i = 0; i < n; i++)
        {
            for (int k = i + 1; k < n; k++)
                a[i * n + k] = a[k * n + i];
        }
        // Upper row i from column i = column i of X, so (XᵀX)_ij = Σ_{k ≥ j} X_ki X_kj for i ≤ j is a dot of two upper rows
        // from column j; results go to the lower triangle (row j), the diagonal aside until the upper is no longer read.
        Parallel.For(0, n, j =>
        {
            var tail = a.AsSpan(j * n + j, n - j);
            for (int i = 0; i < j; i++)
                a[j * n + i] = TensorPrimitives.Dot<double>(a.AsSpan(i * n + j, n - j), tail);
            diagonal[j] = TensorPrimitives.Dot<double>(tail, tail);
        });
        for (int i = 0; i < n; i++)
        {
            a[i * n + i] = diagonal[i];
            for (int k = i + 1; k < n; k++)
                a[i * n + k] = a[k * n + i];
        }
    }

    private static void FactorPivot(Span<double> a, int stride, int j)
    {
        var pivotRow = a.Slice(j * stride, j);
        double d = a[j * stride + j] - TensorPrimitives.Dot<double>(pivotRow, pivotRow);
        a[j * stride + j] = System.Math.Sqrt(System.Math.Max(d, PivotFloor));
    }

    // Rows [start, end) of column j, below its finished pivot: each needs only its own earlier columns and row j.
    private static void FactorBelowPivot(Span<double> a, int stride, int j, int start, int end)
    {
        var pivotRow = a.Slice(j * stride, j);
        double pivot = a[j * stride + j];
        for (int i = start; i < end; i++)
        {
            var row = a.Slice(i * stride, j + 1);
            row[j] = (row[j] - TensorPrimitives.Dot<double>(row[..j], pivotRow)) / pivot;
        }
    }

    private static (int Start, int End) Share(int from, int to, int part, int parts)
    {
        long length = to - from;
        return (from + (int)(length * part / parts), from + (int)(length * (part + 1) / parts));
    }

    internal static void CheckShape(int length, int n, int stride)
    {
        if (n < 0 || n > stride || (long)stride * System.Math.Max(0, n - 1) + n > length)
            throw new ArgumentException($"Need 0 ≤ n ≤ stride and a span holding n rows of that stride; got n {n}, stride {stride}, length {length}.", nameof(length));
    }
}
