namespace Recs.Math;

/// <summary>
/// One product of a sparse matrix cut into output ranges of about equal non-zero counts, run on every core.
/// Each thread owns one instance, so the fields set for a product are never shared with another caller.
/// </summary>
internal sealed unsafe class SparseProductWork : IPartitionedWork
{
    // Below this many stored entries a product finishes faster than a second core can be woken.
    internal const int ParallelThreshold = 50_000;

    [ThreadStatic]
    private static SparseProductWork? _current;

    private IRangeProduct? _matrix;
    private bool _transposed;
    private RowPartition? _partition;
    private float* _x;
    private int _xLength;
    private float* _y;
    private int _yLength;

    /// <summary>
    /// Computes y = A·x (or Aᵀ·x when <paramref name="transposed"/>) for a matrix on <paramref name="pattern"/>: on this
    /// thread when the matrix is small, else on every core, in the ranges of <paramref name="parts"/> (by default the
    /// pattern's row or column partition). Throws ArgumentException when x or y does not fit.
    /// </summary>
    public static void Compute(
        IRangeProduct matrix, SparsePattern pattern, bool transposed, ReadOnlySpan<float> x, Span<float> y, RowPartition? parts = null)
    {
        CheckLengths(pattern, transposed, x, y);
        var partition = parts ?? (transposed ? pattern.ColumnPartition : pattern.RowPartition);
        if (pattern.NonZeroCount < ParallelThreshold || partition.Count == 1)
        {
            matrix.ProductRange(transposed, x, y, 0, y.Length, part: -1);
            return;
        }
        fixed (float* px = x)
        fixed (float* py = y)
            Run(matrix, transposed, partition, px, x.Length, py, y.Length);
    }

    /// <summary>Throws ArgumentException unless x has Columns (Rows when transposed) entries and y the other count.</summary>
    public static void CheckLengths(SparsePattern pattern, bool transposed, ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var (input, output) = transposed ? (pattern.Rows, pattern.Columns) : (pattern.Columns, pattern.Rows);
        if (x.Length != input)
            throw new ArgumentException($"x has length {x.Length}, expected {input}.", nameof(x));
        if (y.Length != output)
            throw new ArgumentException($"y has length {y.Length}, expected {output}.", nameof(y));
    }

    // x and y must stay pinned for the duration of the call.
    private static void Run(IRangeProduct matrix, bool transposed, RowPartition partition, float* x, int xLength, float* y, int yLength)
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
            _partition!.Start(part), _partition.End(part), part);
}
