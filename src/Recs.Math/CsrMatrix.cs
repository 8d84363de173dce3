using System.Runtime.CompilerServices;

namespace Recs.Math;

/// <summary>
/// Immutable sparse float matrix in compressed-row form with a compressed-column copy for transposed products;
/// products are thread-safe and allocation-free (see <see cref="CoreTeam"/> for how they use every core).
/// </summary>
public sealed class CsrMatrix
{
    // Below this many stored entries a product finishes faster than a second core can be woken.
    internal const int ParallelThreshold = 50_000;

    private readonly int[] _rowPointers;
    private readonly int[] _columnIndices;
    private readonly float[] _values;
    private readonly int[] _columnPointers;
    private readonly int[] _rowIndices;
    private readonly float[] _transposedValues;
    private readonly float[]? _rowMeans;
    private readonly RowPartition _rowPartition;
    private readonly RowPartition _columnPartition;

    private CsrMatrix(int rows, int columns, int[] rowPointers, int[] columnIndices, float[] values, float[]? rowMeans)
    {
        Rows = rows;
        Columns = columns;
        _rowPointers = rowPointers;
        _columnIndices = columnIndices;
        _values = values;
        _rowMeans = rowMeans;
        (_columnPointers, _rowIndices, _transposedValues) = Transpose(rows, columns, rowPointers, columnIndices, values);
        // A few ranges per core, so a helper that starts late only shifts a small range to the caller.
        int parts = 4 * Environment.ProcessorCount;
        _rowPartition = RowPartition.BalancedByNonZeros(rowPointers, parts);
        _columnPartition = RowPartition.BalancedByNonZeros(_columnPointers, parts);
    }

    public int Rows { get; }

    public int Columns { get; }

    public int NonZeroCount => _values.Length;

    /// <summary>Row pointers (length Rows + 1) into <see cref="ColumnIndices"/> and <see cref="Values"/>.</summary>
    public ReadOnlySpan<int> RowPointers => _rowPointers;

    /// <summary>Column of each stored entry, ascending within a row.</summary>
    public ReadOnlySpan<int> ColumnIndices => _columnIndices;

    /// <summary>Stored values, already centred when the matrix was built with centring.</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>Mean of each row's stored entries before centring (0 for empty rows), or empty when not centred.</summary>
    public ReadOnlySpan<float> RowMeans => _rowMeans;

    public bool IsRowCentred => _rowMeans is not null;

    /// <summary>
    /// Builds a rows×columns matrix from coordinate triples; throws ArgumentException on mismatched lengths,
    /// out-of-range indices, non-finite values, duplicate (row, column) pairs or non-positive dimensions.
    /// With <paramref name="centreRows"/> each stored value has its row's mean of stored values subtracted.
    /// </summary>
    public static CsrMatrix FromTriples(
        ReadOnlySpan<int> rowIndices, ReadOnlySpan<int> columnIndices, ReadOnlySpan<float> values,
        int rows, int columns, bool centreRows = false)
    {
        if (rows <= 0 || columns <= 0)
            throw new ArgumentException($"Matrix dimensions must be positive, got {rows}×{columns}.", nameof(rows));
        if (rowIndices.Length != columnIndices.Length || rowIndices.Length != values.Length)
            throw new ArgumentException(
                $"Triple arrays differ in length: rows {rowIndices.Length}, columns {columnIndices.Length}, values {values.Length}.",
                nameof(values));
        InputValidation.ThrowIfNotFinite(values, nameof(values));

        var rowPointers = new int[rows + 1];
        for (int i = 0; i < rowIndices.Length; i++)
        {
            int r = rowIndices[i];
            int c = columnIndices[i];
            if ((uint)r >= (uint)rows)
                throw new ArgumentException($"Row index {r} at position {i} is outside [0, {rows}).", nameof(rowIndices));
            if ((uint)c >= (uint)columns)
                throw new ArgumentException($"Column index {c} at position {i} is outside [0, {columns}).", nameof(columnIndices));
            rowPointers[r + 1]++;
        }
        for (int r = 0; r < rows; r++)
            rowPointers[r + 1] += rowPointers[r];

        int nnz = values.Length;
        var cols = new int[nnz];
        var vals = new float[nnz];
        var next = new int[rows];
        Array.Copy(rowPointers, next, rows);
        for (int i = 0; i < nnz; i++)
        {
            int slot = next[rowIndices[i]]++;
            cols[slot] = columnIndices[i];
            vals[slot] = values[i];
        }

        for (int r = 0; r < rows; r++)
        {
            int start = rowPointers[r];
            int end = rowPointers[r + 1];
            cols.AsSpan(start, end - start).Sort(vals.AsSpan(start, end - start));
            for (int p = start + 1; p < end; p++)
            {
                if (cols[p] == cols[p - 1])
                    throw new ArgumentException($"Duplicate entry at row {r}, column {cols[p]}.", nameof(columnIndices));
            }
        }

        float[]? means = null;
        if (centreRows)
        {
            means = new float[rows];
            for (int r = 0; r < rows; r++)
            {
                int start = rowPointers[r];
                int count = rowPointers[r + 1] - start;
                if (count == 0)
                    continue;
                // Accumulate in double so long rows of similar ratings do not lose the mean's low bits.
                double sum = 0;
                for (int p = start; p < start + count; p++)
                    sum += vals[p];
                float mean = (float)(sum / count);
                means[r] = mean;
                for (int p = start; p < start + count; p++)
                    vals[p] -= mean;
            }
        }

        return new CsrMatrix(rows, columns, rowPointers, cols, vals, means);
    }

    /// <summary>Computes y = A·x; x has length Columns, y has length Rows (overwritten).</summary>
    public void Multiply(ReadOnlySpan<float> x, Span<float> y)
    {
        if (x.Length != Columns)
            throw new ArgumentException($"x has length {x.Length}, expected {Columns}.", nameof(x));
        if (y.Length != Rows)
            throw new ArgumentException($"y has length {y.Length}, expected {Rows}.", nameof(y));
        Product(_rowPointers, _columnIndices, _values, _rowPartition, x, y);
    }

    /// <summary>Computes y = Aᵀ·x; x has length Rows, y has length Columns (overwritten).</summary>
    public void MultiplyTransposed(ReadOnlySpan<float> x, Span<float> y)
    {
        if (x.Length != Rows)
            throw new ArgumentException($"x has length {x.Length}, expected {Rows}.", nameof(x));
        if (y.Length != Columns)
            throw new ArgumentException($"y has length {y.Length}, expected {Columns}.", nameof(y));
        Product(_columnPointers, _rowIndices, _transposedValues, _columnPartition, x, y);
    }

    private static unsafe void Product(
        int[] pointers, int[] indices, float[] values, RowPartition partition, ReadOnlySpan<float> x, Span<float> y)
    {
        if (values.Length < ParallelThreshold || partition.Count == 1)
        {
            ProductRange(pointers, indices, values, x, y, 0, y.Length);
            return;
        }
        fixed (float* px = x)
        fixed (float* py = y)
            SparseProductWork.Run(pointers, indices, values, partition, px, x.Length, py, y.Length);
    }

    [SkipLocalsInit]
    internal static void ProductRange(
        int[] pointers, int[] indices, float[] values, ReadOnlySpan<float> x, Span<float> y, int start, int end)
    {
        for (int r = start; r < end; r++)
        {
            int begin = pointers[r];
            int length = pointers[r + 1] - begin;
            y[r] = SparseKernels.SparseDot(values.AsSpan(begin, length), indices.AsSpan(begin, length), x);
        }
    }

    private static (int[] Pointers, int[] Indices, float[] Values) Transpose(
        int rows, int columns, int[] rowPointers, int[] columnIndices, float[] values)
    {
        var pointers = new int[columns + 1];
        foreach (int c in columnIndices)
            pointers[c + 1]++;
        for (int c = 0; c < columns; c++)
            pointers[c + 1] += pointers[c];
        var next = new int[columns];
        Array.Copy(pointers, next, columns);
        var indices = new int[values.Length];
        var transposed = new float[values.Length];
        // Walking rows in order leaves each column's row indices ascending.
        for (int r = 0; r < rows; r++)
        {
            for (int p = rowPointers[r]; p < rowPointers[r + 1]; p++)
            {
                int slot = next[columnIndices[p]]++;
                indices[slot] = r;
                transposed[slot] = values[p];
            }
        }
        return (pointers, indices, transposed);
    }
}
