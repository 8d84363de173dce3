namespace Recs.Math;

/// <summary>Contiguous row ranges with roughly equal non-zero counts, computed once per matrix.</summary>
internal sealed class RowPartition
{
    private readonly int[] _bounds;

    private RowPartition(int[] bounds) => _bounds = bounds;

    /// <summary>Number of ranges; range i covers rows [Start(i), End(i)).</summary>
    public int Count => _bounds.Length - 1;

    public int Start(int part) => _bounds[part];

    public int End(int part) => _bounds[part + 1];

    /// <summary>Splits rows so each range holds about nnz/parts entries; rows are never split.</summary>
    public static RowPartition BalancedByNonZeros(ReadOnlySpan<int> rowPointers, int parts)
    {
        int rows = rowPointers.Length - 1;
        parts = System.Math.Max(1, System.Math.Min(parts, System.Math.Max(rows, 1)));
        var bounds = new int[parts + 1];
        long nnz = rowPointers[rows];
        int row = 0;
        for (int p = 1; p < parts; p++)
        {
            long target = nnz * p / parts;
            while (row < rows && rowPointers[row] < target)
                row++;
            bounds[p] = row;
        }
        bounds[parts] = rows;
        return new RowPartition(bounds);
    }
}
