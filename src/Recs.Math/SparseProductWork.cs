namespace Recs.Math;

/// <summary>
/// One y = A·x product (A in compressed-row form) cut into row ranges of about equal non-zero counts.
/// Each thread owns one instance, so the fields set for a product are never shared with another caller.
/// </summary>
internal sealed unsafe class SparseProductWork : IPartitionedWork
{
    [ThreadStatic]
    private static SparseProductWork? _current;

    private int[] _pointers = [];
    private ReadOnlyMemory<int> _indices;
    private Memory<float> _values;
    private RowPartition? _partition;
    private float* _x;
    private int _xLength;
    private float* _y;
    private int _yLength;

    /// <summary>Computes y = A·x on every core; x and y must stay pinned for the duration of the call.</summary>
    public static void Run(int[] pointers, ReadOnlyMemory<int> indices, Memory<float> values, RowPartition partition, float* x, int xLength, float* y, int yLength)
    {
        var work = _current ??= new SparseProductWork();
        (work._pointers, work._indices, work._values, work._partition) = (pointers, indices, values, partition);
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
            // x and y are unpinned once this returns, and the buffers belong to the caller.
            work._partition = null;
            (work._pointers, work._indices, work._values) = ([], default, default);
            work._x = null;
            work._y = null;
        }
    }

    public void RunPart(int part) =>
        CsrMatrix.ProductRange(_pointers, _indices.Span, _values.Span, new ReadOnlySpan<float>(_x, _xLength), new Span<float>(_y, _yLength),
            _partition!.Start(part), _partition.End(part));
}
