using System.Runtime.CompilerServices;

namespace Recs.Math;

/// <summary>
/// Immutable sparse float matrix: a <see cref="SparsePattern"/> (possibly shared with other matrices) and its values
/// in row order plus a column-order copy for transposed products; products are thread-safe and allocation-free (see
/// <see cref="CoreTeam"/> for how they use every core).
/// </summary>
public sealed class CsrMatrix : ILinearOperator, IRangeProduct
{
    private readonly SparsePattern _pattern;
    private readonly Memory<float> _values;
    private readonly Memory<float> _transposedValues;
    private readonly float[]? _rowMeans;

    private CsrMatrix(SparsePattern pattern, Memory<float> values, Memory<float> transposedValues, float[]? rowMeans)
    {
        _pattern = pattern;
        _values = values;
        _transposedValues = transposedValues;
        _rowMeans = rowMeans;
    }

    public int Rows => _pattern.Rows;

    public int Columns => _pattern.Columns;

    public int NonZeroCount => _pattern.NonZeroCount;

    /// <summary>Row pointers (length Rows + 1) into <see cref="ColumnIndices"/> and <see cref="Values"/>.</summary>
    public ReadOnlySpan<int> RowPointers => _pattern.RowPointers;

    /// <summary>Column of each stored entry, ascending within a row.</summary>
    public ReadOnlySpan<int> ColumnIndices => _pattern.ColumnIndices;

    /// <summary>Stored values, already centred when the matrix was built with centring.</summary>
    public ReadOnlySpan<float> Values => _values.Span[..NonZeroCount];

    /// <summary>Mean of each row's stored entries before centring (0 for empty rows), or empty when not centred.</summary>
    public ReadOnlySpan<float> RowMeans => _rowMeans;

    public bool IsRowCentred => _rowMeans is not null;

    /// <summary>
    /// A matrix on a shared pattern. <paramref name="values"/> holds the entries in row order (its first
    /// NonZeroCount elements); they are copied into <paramref name="transposedBuffer"/> in column order. Neither buffer
    /// is copied: both belong to the matrix until the caller stops using it (buffers rented from a
    /// <see cref="ScratchPool"/> go back once the matrix is dropped). <paramref name="rowMeans"/>, when given, records
    /// that each row was centred by that mean. Throws ArgumentException on short arrays or non-finite values, and
    /// InvalidOperationException on a pattern of rows only (<see cref="SparsePattern.RowsOnly"/>).
    /// </summary>
    public static CsrMatrix FromPattern(SparsePattern pattern, Memory<float> values, Memory<float> transposedBuffer, float[]? rowMeans = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Rows <= 0 || pattern.Columns <= 0)
            throw new ArgumentException($"Matrix dimensions must be positive, got {pattern.Rows}×{pattern.Columns}.", nameof(pattern));
        if (rowMeans is not null && rowMeans.Length != pattern.Rows)
            throw new ArgumentException($"Row means have length {rowMeans.Length}, expected {pattern.Rows}.", nameof(rowMeans));
        if (values.Length < pattern.NonZeroCount)
            throw new ArgumentException($"Values have length {values.Length}, the pattern {pattern.NonZeroCount} entries.", nameof(values));
        InputValidation.ThrowIfNotFinite(values.Span[..pattern.NonZeroCount], nameof(values));
        pattern.ToColumnOrder(values.Span, transposedBuffer.Span);
        return new CsrMatrix(pattern, values, transposedBuffer, rowMeans);
    }

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

        var pattern = SparsePattern.FromRows(rows, columns, rowPointers, cols);
        var transposed = new float[nnz];
        pattern.ToColumnOrder(vals, transposed);
        return new CsrMatrix(pattern, vals, transposed, means);
    }

    /// <summary>Computes y = A·x; x has length Columns, y has length Rows (overwritten).</summary>
    public void Multiply(ReadOnlySpan<float> x, Span<float> y) => SparseProductWork.Compute(this, _pattern, transposed: false, x, y);

    /// <summary>Computes y = Aᵀ·x; x has length Rows, y has length Columns (overwritten).</summary>
    public void MultiplyTransposed(ReadOnlySpan<float> x, Span<float> y) => SparseProductWork.Compute(this, _pattern, transposed: true, x, y);

    void IRangeProduct.ProductRange(bool transposed, ReadOnlySpan<float> x, Span<float> y, int start, int end, int part)
    {
        if (transposed)
            ProductRange(_pattern.ColumnPointers, _pattern.RowIndices.Span, _transposedValues.Span, x, y, start, end);
        else
            ProductRange(_pattern.RowPointers, _pattern.ColumnIndices, _values.Span, x, y, start, end);
    }

    [SkipLocalsInit]
    internal static void ProductRange(
        int[] pointers, ReadOnlySpan<int> indices, ReadOnlySpan<float> values, ReadOnlySpan<float> x, Span<float> y, int start, int end)
    {
        for (int r = start; r < end; r++)
        {
            int begin = pointers[r];
            int length = pointers[r + 1] - begin;
            y[r] = SparseKernels.SparseDot(values.Slice(begin, length), indices.Slice(begin, length), x);
        }
    }
}
