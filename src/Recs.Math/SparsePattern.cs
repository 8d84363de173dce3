namespace Recs.Math;

/// <summary>
/// Where a sparse matrix's entries are, in both orders: compressed rows (column indices strictly ascending within a
/// row) and compressed columns (row indices ascending within a column). Matrices that differ only in their values share
/// one pattern, so the indexes a data set already keeps can back every matrix trained on it without a copy.
/// The arrays are not copied: the caller must not change them afterwards.
/// </summary>
public sealed class SparsePattern
{
    private SparsePattern(int rows, int columns, int[] rowPointers, int[] columnIndices, int[] columnPointers, int[] rowIndices)
    {
        Rows = rows;
        Columns = columns;
        RowPointers = rowPointers;
        ColumnIndices = columnIndices;
        ColumnPointers = columnPointers;
        RowIndices = rowIndices;
        // A few ranges per core, so a helper that starts late only shifts a small range to the caller.
        int parts = 4 * Environment.ProcessorCount;
        RowPartition = RowPartition.BalancedByNonZeros(rowPointers, parts);
        ColumnPartition = RowPartition.BalancedByNonZeros(columnPointers, parts);
    }

    public int Rows { get; }

    public int Columns { get; }

    public int NonZeroCount => RowPointers[Rows];

    internal int[] RowPointers { get; }

    internal int[] ColumnIndices { get; }

    internal int[] ColumnPointers { get; }

    internal int[] RowIndices { get; }

    internal RowPartition RowPartition { get; }

    internal RowPartition ColumnPartition { get; }

    /// <summary>
    /// Wraps both orders after checking that they hold the same entries (one pass over them). Throws
    /// <see cref="ArgumentException"/> when a pointer array is not a non-decreasing run from 0 to the entry count,
    /// an index is out of range, a row's columns are not strictly ascending, or the column order disagrees.
    /// </summary>
    public static SparsePattern FromBoth(int rows, int columns, int[] rowPointers, int[] columnIndices, int[] columnPointers, int[] rowIndices)
    {
        CheckRows(rows, columns, rowPointers, columnIndices);
        CheckPointers(columnPointers, columns, rowIndices.Length, nameof(columnPointers));
        if (rowIndices.Length != columnIndices.Length)
            throw new ArgumentException($"The orders hold {columnIndices.Length} and {rowIndices.Length} entries.", nameof(rowIndices));
        // Walking the rows in order visits each column's entries in ascending row order, exactly the column order's layout.
        var next = columnPointers[..^1];
        for (int r = 0; r < rows; r++)
        {
            for (int p = rowPointers[r]; p < rowPointers[r + 1]; p++)
            {
                int c = columnIndices[p];
                int slot = next[c]++;
                if (slot >= columnPointers[c + 1] || rowIndices[slot] != r)
                    throw new ArgumentException($"The column order disagrees with the row order at row {r}, column {c}.", nameof(rowIndices));
            }
        }
        return new SparsePattern(rows, columns, rowPointers, columnIndices, columnPointers, rowIndices);
    }

    /// <summary>
    /// Builds the column order from the row order; throws <see cref="ArgumentException"/> as <see cref="FromBoth"/> does.
    /// </summary>
    public static SparsePattern FromRows(int rows, int columns, int[] rowPointers, int[] columnIndices)
    {
        CheckRows(rows, columns, rowPointers, columnIndices);
        var columnPointers = new int[columns + 1];
        foreach (int c in columnIndices)
            columnPointers[c + 1]++;
        for (int c = 0; c < columns; c++)
            columnPointers[c + 1] += columnPointers[c];
        var rowIndices = new int[columnIndices.Length];
        var next = columnPointers[..^1];
        for (int r = 0; r < rows; r++)
        {
            for (int p = rowPointers[r]; p < rowPointers[r + 1]; p++)
                rowIndices[next[columnIndices[p]]++] = r;
        }
        return new SparsePattern(rows, columns, rowPointers, columnIndices, columnPointers, rowIndices);
    }

    /// <summary>
    /// Writes values given in row order (the first <see cref="NonZeroCount"/> of <paramref name="rowOrder"/>) into
    /// <paramref name="columnOrder"/> in column order. Throws <see cref="ArgumentException"/> when either is shorter.
    /// </summary>
    public void ToColumnOrder(ReadOnlySpan<float> rowOrder, Span<float> columnOrder)
    {
        int nnz = NonZeroCount;
        if (rowOrder.Length < nnz || columnOrder.Length < nnz)
            throw new ArgumentException($"Values need {nnz} entries; given {rowOrder.Length} and {columnOrder.Length}.", nameof(columnOrder));
        var next = ColumnPointers[..^1];
        var columnIndices = ColumnIndices;
        for (int p = 0; p < nnz; p++)
            columnOrder[next[columnIndices[p]]++] = rowOrder[p];
    }

    private static void CheckRows(int rows, int columns, int[] rowPointers, int[] columnIndices)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        ArgumentNullException.ThrowIfNull(rowPointers);
        ArgumentNullException.ThrowIfNull(columnIndices);
        CheckPointers(rowPointers, rows, columnIndices.Length, nameof(rowPointers));
        for (int r = 0; r < rows; r++)
        {
            int previous = -1;
            for (int p = rowPointers[r]; p < rowPointers[r + 1]; p++)
            {
                int c = columnIndices[p];
                if ((uint)c >= (uint)columns)
                    throw new ArgumentException($"Column index {c} in row {r} is outside [0, {columns}).", nameof(columnIndices));
                if (c <= previous)
                    throw new ArgumentException($"Row {r} repeats or does not ascend at column {c}.", nameof(columnIndices));
                previous = c;
            }
        }
    }

    private static void CheckPointers(int[] pointers, int count, int entries, string name)
    {
        ArgumentNullException.ThrowIfNull(pointers, name);
        if (pointers.Length != count + 1 || pointers[0] != 0 || pointers[count] != entries)
            throw new ArgumentException($"Pointers must have {count + 1} entries running from 0 to {entries}.", name);
        for (int i = 0; i < count; i++)
        {
            if (pointers[i + 1] < pointers[i])
                throw new ArgumentException($"Pointers decrease at {i}.", name);
        }
    }
}
