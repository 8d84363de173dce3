namespace Recs.Math;

/// <summary>
/// Where a sparse matrix's entries are, in both orders: compressed rows (column indices strictly ascending within a
/// row) and compressed columns (row indices ascending within a column), or in row order alone
/// (<see cref="RowsOnly"/>). Matrices that differ only in their values share one pattern, so the indexes a data set
/// keeps can back every matrix trained on it without a copy.
/// </summary>
public sealed class SparsePattern
{
    private RowSplits? _rowSplits;

    private SparsePattern(
        int rows, int columns, int[] rowPointers, int[] columnIndices, int[] columnPointers, ReadOnlyMemory<int> rowIndices, bool hasColumnOrder)
    {
        HasColumnOrder = hasColumnOrder;
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

    // The index arrays are shared, not copied: whoever holds them (a data set exposes two of them as its by-film
    // index) must never change them.

    /// <summary>Row pointers (length Rows + 1) into <see cref="ColumnIndices"/>.</summary>
    public int[] RowPointers { get; }

    /// <summary>Column of each entry in row order, strictly ascending within a row.</summary>
    public int[] ColumnIndices { get; }

    /// <summary>
    /// Column pointers (length Columns + 1) into <see cref="RowIndices"/>; a pattern of rows only has them too, as the
    /// running count of each column's entries.
    /// </summary>
    public int[] ColumnPointers { get; }

    /// <summary>False for a pattern of rows only (<see cref="RowsOnly"/>), which has no <see cref="RowIndices"/>.</summary>
    public bool HasColumnOrder { get; }

    /// <summary>
    /// Row of each entry in column order, ascending within a column; on the pool's pages when the pattern was built
    /// with one, so valid only while that pool is.
    /// </summary>
    public ReadOnlyMemory<int> RowIndices { get; }

    /// <summary>The columns of row <paramref name="row"/>'s entries, ascending.</summary>
    public ReadOnlySpan<int> ColumnsInRow(int row) => ColumnIndices.AsSpan(RowPointers[row], RowPointers[row + 1] - RowPointers[row]);

    /// <summary>
    /// The rows of column <paramref name="column"/>'s entries, ascending; throws <see cref="InvalidOperationException"/>
    /// on a pattern of rows only.
    /// </summary>
    public ReadOnlySpan<int> RowsInColumn(int column)
    {
        if (!HasColumnOrder)
            throw new InvalidOperationException("This pattern holds its rows only: it has no column order to read.");
        return RowIndices.Span.Slice(ColumnPointers[column], ColumnPointers[column + 1] - ColumnPointers[column]);
    }

    /// <summary>
    /// Gives the column order's buffer back to <paramref name="scratch"/>, the pool <see cref="FromRows(int, int, int[], int[], ScratchPool?)"/>
    /// built it on, for a computation whose later steps read rows only; <see cref="RowsInColumn"/> and the span of
    /// <see cref="RowIndices"/> throw afterwards. Throws ArgumentException when that pool did not lend the buffer.
    /// </summary>
    public void ReturnColumnOrder(ScratchPool scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        scratch.Return(System.Runtime.InteropServices.MemoryMarshal.AsMemory(RowIndices));
    }

    internal RowPartition RowPartition { get; }

    internal RowPartition ColumnPartition { get; }

    /// <summary>
    /// Where each row crosses the column ranges of a transposed product computed from the rows (one range per core, at
    /// most eight); built on first use. Threads that race build equal values, and either is kept.
    /// </summary>
    internal RowSplits RowSplits => _rowSplits ??= RowSplits.Of(RowPointers, ColumnIndices, ColumnPointers, ScatterParts);

    // One part per core, at most eight: the splits cost four bytes per row and inner bound, which must stay small
    // beside the rows themselves on a many-core machine.
    private static int ScatterParts => System.Math.Clamp(Environment.ProcessorCount, 1, 8);

    /// <summary>
    /// Builds the column order from the row order; its row indices (4 bytes per entry) are rented from
    /// <paramref name="scratch"/> when given, so a training's pattern leaves nothing on the collected heap. Throws
    /// <see cref="ArgumentException"/> when the row pointers are not a non-decreasing run from 0 to the entry count, a
    /// column index is out of range or a row's columns do not strictly ascend.
    /// </summary>
    public static SparsePattern FromRows(int rows, int columns, int[] rowPointers, int[] columnIndices, ScratchPool? scratch = null)
    {
        ArgumentNullException.ThrowIfNull(columnIndices);
        Memory<int> rowIndexBuffer = scratch is null ? new int[columnIndices.Length] : scratch.Rent<int>(columnIndices.Length);
        return FromRows(rows, columns, rowPointers, columnIndices, rowIndexBuffer);
    }

    /// <summary>
    /// As <see cref="FromRows(int, int, int[], int[], ScratchPool?)"/>, with the row indices written into
    /// <paramref name="rowIndexBuffer"/> (at least one entry per non-zero), which the caller owns and must keep valid
    /// while the pattern is used. Throws <see cref="ArgumentException"/> when it is too short.
    /// </summary>
    public static SparsePattern FromRows(int rows, int columns, int[] rowPointers, int[] columnIndices, Memory<int> rowIndexBuffer)
    {
        CheckRows(rows, columns, rowPointers, columnIndices);
        if (rowIndexBuffer.Length < columnIndices.Length)
            throw new ArgumentException($"{rowIndexBuffer.Length} row indices for {columnIndices.Length} entries.", nameof(rowIndexBuffer));
        rowIndexBuffer = rowIndexBuffer[..columnIndices.Length];
        var columnPointers = ColumnPointersOf(columns, columnIndices);
        // Every entry is written below, so a pooled block's earlier contents need no clearing.
        var rowIndices = rowIndexBuffer.Span;
        var next = columnPointers[..^1];
        for (int r = 0; r < rows; r++)
        {
            for (int p = rowPointers[r]; p < rowPointers[r + 1]; p++)
                rowIndices[next[columnIndices[p]]++] = r;
        }
        return new SparsePattern(rows, columns, rowPointers, columnIndices, columnPointers, rowIndexBuffer, hasColumnOrder: true);
    }

    /// <summary>
    /// A pattern of the row order alone, with nothing allocated but the column pointers (one int per column) and, once
    /// a large transposed product asks for them, the row splits (an int per row and core, up to seven): for matrices
    /// whose products read rows only (<see cref="CodedSparseMatrix"/>), so a training need not keep the column order,
    /// four bytes an entry, while it factorises. <see cref="RowsInColumn"/> and <see cref="ToColumnOrder"/> throw
    /// <see cref="InvalidOperationException"/> on it. Throws <see cref="ArgumentException"/> as
    /// <see cref="FromRows(int, int, int[], int[], ScratchPool?)"/> does.
    /// </summary>
    public static SparsePattern RowsOnly(int rows, int columns, int[] rowPointers, int[] columnIndices)
    {
        CheckRows(rows, columns, rowPointers, columnIndices);
        return new SparsePattern(
            rows, columns, rowPointers, columnIndices, ColumnPointersOf(columns, columnIndices), ReadOnlyMemory<int>.Empty, hasColumnOrder: false);
    }

    private static int[] ColumnPointersOf(int columns, int[] columnIndices)
    {
        var columnPointers = new int[columns + 1];
        foreach (int c in columnIndices)
            columnPointers[c + 1]++;
        for (int c = 0; c < columns; c++)
            columnPointers[c + 1] += columnPointers[c];
        return columnPointers;
    }

    /// <summary>
    /// Writes values given in row order (the first <see cref="NonZeroCount"/> of <paramref name="rowOrder"/>) into
    /// <paramref name="columnOrder"/> in column order. Throws <see cref="ArgumentException"/> when either is shorter, and
    /// <see cref="InvalidOperationException"/> on a pattern of rows only.
    /// </summary>
    public void ToColumnOrder<T>(ReadOnlySpan<T> rowOrder, Span<T> columnOrder)
    {
        if (!HasColumnOrder)
            throw new InvalidOperationException("This pattern holds its rows only: it has no column order to write in.");
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
