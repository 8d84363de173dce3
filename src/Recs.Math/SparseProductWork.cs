namespace Recs.Math;

/// <summary>
/// One product of a sparse matrix cut into output ranges of about equal non-zero counts, run on every core.
/// Each thread owns one instance, so the fields set for a product are never shared with another caller.
/// </summary>
internal sealed unsafe class SparseProductWork : IPartitionedWork
{
    [ThreadStatic]
    private static SparseProductWork? _current;

    private IRangeProduct? _matrix;
    private bool _transposed;
    private RowPartition? _partition;
    private float* _x;
    private int _xLength;
    private float* _y;
    private int _yLength;

    /// <summary>Computes y = A·x (or Aᵀ·x) on every core; x and y must stay pinned for the duration of the call.</summary>
    public static void Run(IRangeProduct matrix, bool transposed, RowPartition partition, float* x, int xLength, float* y, int yLength)
    {
        var work = _current ??= new SparseProductWork();
        (work._matrix, work._transposed, work._partition) = (matrix, transposed, partition);
        work._x = x;
        work._xLength = xLength;
        work._y = y;
        work._yLength = yLength;
        try
        {
            CoreTeam.Run(work, partition.Count);
        }
        finally
        {
            // x and y are unpinned once this returns, and the matrix belongs to the caller.
            (work._matrix, work._partition) = (null, null);
            work._x = null;
            work._y = null;
        }
    }

    public void RunPart(int part) =>
        _matrix!.ProductRange(_transposed, new ReadOnlySpan<float>(_x, _xLength), new Span<float>(_y, _yLength),
            _partition!.Start(part), _partition.End(part));
}
