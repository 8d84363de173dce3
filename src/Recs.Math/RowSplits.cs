namespace Recs.Math;

/// <summary>
/// Column ranges of a sparse pattern, balanced by entries, and where each row crosses their inner bounds: the parts of
/// a transposed product computed from the rows (<see cref="CodedSparseMatrix"/>) each add a slice of every row without
/// searching it. Four bytes per row and inner bound, on the collected heap for as long as the pattern lives.
/// </summary>
internal sealed class RowSplits
{
    private readonly int[] _positions;

    private RowSplits(RowPartition parts, int[] positions)
    {
        Parts = parts;
        _positions = positions;
    }

    public RowPartition Parts { get; }

    /// <summary>Positions[row·(parts − 1) + part − 1]: the row's first entry in part's columns, for parts 1 and up.</summary>
    public ReadOnlySpan<int> Positions => _positions;

    /// <summary>
    /// The splits for <paramref name="parts"/> ranges (at least 1; fewer when there are fewer columns). Each part
    /// reads a slice of every row, and a slice costs a loop's start and end whatever its length, so a product asks for
    /// few, wide parts rather than the four per core of a product over rows.
    /// </summary>
    public static RowSplits Of(int[] rowPointers, int[] columnIndices, int[] columnPointers, int parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        var partition = RowPartition.BalancedByNonZeros(columnPointers, parts);
        int rows = rowPointers.Length - 1, inner = partition.Count - 1;
        var positions = new int[rows * inner];
        for (int r = 0; r < rows; r++)
        {
            int p = rowPointers[r], end = rowPointers[r + 1];
            for (int part = 1; part <= inner; part++)
            {
                int bound = partition.Start(part);
                while (p < end && columnIndices[p] < bound)
                    p++;
                positions[r * inner + part - 1] = p;
            }
        }
        return new RowSplits(partition, positions);
    }
}
