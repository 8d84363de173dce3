using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Numerics.Tensors;

namespace Recs.Math;

/// <summary>
/// Immutable sparse matrix whose stored entries are small integer codes on a grid: entry (r, c) is
/// (step·code − rowOffsets[r])·columnScales[c], offsets and scales optional. The codes are the caller's own array in
/// row order (a rating data set's half-star units) and the products read nothing else: A·x takes each row's dot
/// product, Aᵀ·x adds each row into the output, so a matrix of a million ratings costs no copy of its entries in either
/// order, against a <see cref="CsrMatrix"/>'s 8 MB of float values and, for its pattern, 4 MB of column order.
/// Each entry is computed as one fused multiply-subtract, the rounding a stored float value of it would have had.
/// Products are thread-safe and allocation-free once warm (see <see cref="CoreTeam"/> for how they use every core).
/// </summary>
public sealed class CodedSparseMatrix : ILinearOperator, IRangeProduct
{
    private readonly SparsePattern _pattern;
    private readonly ReadOnlyMemory<byte> _codes;
    private readonly float _step;
    private readonly float[]? _rowOffsets;
    private readonly float[]? _columnScales;

    private CodedSparseMatrix(SparsePattern pattern, ReadOnlyMemory<byte> codes, float step, float[]? rowOffsets, float[]? columnScales)
    {
        _pattern = pattern;
        _codes = codes;
        _step = step;
        _rowOffsets = rowOffsets;
        _columnScales = columnScales;
    }

    public int Rows => _pattern.Rows;

    public int Columns => _pattern.Columns;

    public int NonZeroCount => _pattern.NonZeroCount;

    /// <summary>Row pointers (length Rows + 1) into <see cref="ColumnIndices"/> and <see cref="Codes"/>.</summary>
    public ReadOnlySpan<int> RowPointers => _pattern.RowPointers;

    /// <summary>Column of each stored entry, ascending within a row.</summary>
    public ReadOnlySpan<int> ColumnIndices => _pattern.ColumnIndices;

    /// <summary>The code of each stored entry in row order.</summary>
    public ReadOnlySpan<byte> Codes => _codes.Span[..NonZeroCount];

    /// <summary>The value of the entry stored at <paramref name="entry"/> (a position in row order) in row <paramref name="row"/>.</summary>
    public float ValueAt(int row, int entry)
    {
        Debug.Assert(_pattern.RowPointers[row] <= entry && entry < _pattern.RowPointers[row + 1], "the entry is not in that row");
        return MathF.FusedMultiplyAdd(_step, _codes.Span[entry], -(_rowOffsets?[row] ?? 0f)) * (_columnScales?[_pattern.ColumnIndices[entry]] ?? 1f);
    }

    /// <summary>
    /// A matrix on a shared pattern, which needs no column order (<see cref="SparsePattern.RowsOnly"/> will do).
    /// <paramref name="codes"/> holds the entries' codes in row order (its first NonZeroCount elements). Nothing is
    /// copied: the codes, offsets and scales belong to the matrix until the caller stops using it. Throws
    /// <see cref="ArgumentException"/> on too few codes, offsets or scales of the wrong length, and a step, an offset
    /// or a scale that is not finite.
    /// </summary>
    public static CodedSparseMatrix Create(
        SparsePattern pattern, ReadOnlyMemory<byte> codes, float step, float[]? rowOffsets = null, float[]? columnScales = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Rows <= 0 || pattern.Columns <= 0)
            throw new ArgumentException($"Matrix dimensions must be positive, got {pattern.Rows}×{pattern.Columns}.", nameof(pattern));
        int nnz = pattern.NonZeroCount;
        if (codes.Length < nnz)
            throw new ArgumentException($"The pattern has {nnz} entries; given {codes.Length} codes.", nameof(codes));
        if (!float.IsFinite(step))
            throw new ArgumentException($"The step {step} is not finite.", nameof(step));
        CheckScaling(pattern, rowOffsets, columnScales);
        return new CodedSparseMatrix(pattern, codes[..nnz], step, rowOffsets, columnScales);
    }

    private static void CheckScaling(SparsePattern pattern, float[]? rowOffsets, float[]? columnScales)
    {
        if (rowOffsets is not null)
        {
            if (rowOffsets.Length != pattern.Rows)
                throw new ArgumentException($"Row offsets have length {rowOffsets.Length}, expected {pattern.Rows}.", nameof(rowOffsets));
            InputValidation.ThrowIfNotFinite(rowOffsets, nameof(rowOffsets));
        }
        if (columnScales is not null)
        {
            if (columnScales.Length != pattern.Columns)
                throw new ArgumentException($"Column scales have length {columnScales.Length}, expected {pattern.Columns}.", nameof(columnScales));
            InputValidation.ThrowIfNotFinite(columnScales, nameof(columnScales));
        }
    }

    /// <summary>
    /// The same codes (nothing copied) with other row offsets and column scales; throws <see cref="ArgumentException"/>
    /// for offsets or scales that do not fit, as <see cref="Create"/> does.
    /// </summary>
    public CodedSparseMatrix Rescaled(float[]? rowOffsets, float[]? columnScales)
    {
        CheckScaling(_pattern, rowOffsets, columnScales);
        return new CodedSparseMatrix(_pattern, _codes, _step, rowOffsets, columnScales);
    }

    /// <summary>Computes y = A·x; x has length Columns, y has length Rows (overwritten).</summary>
    public void Multiply(ReadOnlySpan<float> x, Span<float> y)
    {
        if (_columnScales is null)
        {
            SparseProductWork.Compute(this, _pattern, transposed: false, x, y);
            return;
        }
        SparseProductWork.CheckLengths(_pattern, transposed: false, x, y);
        // A·x = C·(s∘x) for the unscaled matrix C: the scales are applied once per column, not once per entry.
        var scaled = ArrayPool<float>.Shared.Rent(Columns);
        try
        {
            TensorPrimitives.Multiply(x, _columnScales, scaled.AsSpan(0, Columns));
            SparseProductWork.Compute(this, _pattern, transposed: false, scaled.AsSpan(0, Columns), y);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scaled);
        }
    }

    /// <summary>Computes y = Aᵀ·x; x has length Rows, y has length Columns (overwritten).</summary>
    public void MultiplyTransposed(ReadOnlySpan<float> x, Span<float> y)
    {
        // The parts are the ranges of the pattern's row splits (built on the first product large enough to share).
        var parts = NonZeroCount >= SparseProductWork.ParallelThreshold ? _pattern.RowSplits.Parts : null;
        SparseProductWork.Compute(this, _pattern, transposed: true, x, y, parts);
        if (_columnScales is not null)
            TensorPrimitives.Multiply(y, _columnScales, y);
    }

    // Unscaled products: the caller applies the column scales before (A·x) or after (Aᵀ·x).
    void IRangeProduct.ProductRange(bool transposed, ReadOnlySpan<float> x, Span<float> y, int start, int end, int part)
    {
        if (transposed)
        {
            // A part is one of the row splits' ranges: MultiplyTransposed cut the product by them.
            ScatterRows(x, y, part < 0 ? null : _pattern.RowSplits, System.Math.Max(part, 0));
        }
        else
        {
            var pointers = _pattern.RowPointers;
            var columns = _pattern.ColumnIndices;
            var codes = _codes.Span;
            for (int r = start; r < end; r++)
            {
                int begin = pointers[r], length = pointers[r + 1] - begin;
                y[r] = CodedSparseKernels.Dot(codes.Slice(begin, length), columns.AsSpan(begin, length), x, _step, _rowOffsets?[r] ?? 0f);
            }
        }
    }

    /// <summary>
    /// Writes the columns of <paramref name="part"/> of <paramref name="splits"/> (every column when null) of the
    /// unscaled Aᵀ·x from the row order alone: every row adds its entries in those columns to y, so the parts of one
    /// product write disjoint outputs, and each output sums its rows in ascending order whatever the number of parts.
    /// The splits must be this pattern's (any part count; tests run several).
    /// </summary>
    [SkipLocalsInit]
    internal unsafe void ScatterRows(ReadOnlySpan<float> x, Span<float> y, RowSplits? splits, int part)
    {
        int inner = splits is null ? 0 : splits.Parts.Count - 1;
        int start = splits is null ? 0 : splits.Parts.Start(part), end = splits is null ? Columns : splits.Parts.End(part);
        y[start..end].Clear();
        bool first = part == 0, last = part == inner;
        var pointers = _pattern.RowPointers;
        var positions = splits is null ? default : splits.Positions;
        var offsets = _rowOffsets;
        float step = _step;
        float* values = stackalloc float[8];
        fixed (byte* codes = _codes.Span)
        fixed (int* columns = _pattern.ColumnIndices)
        fixed (float* py = y)
        {
            for (int r = 0; r < x.Length; r++)
            {
                int begin = first ? pointers[r] : positions[r * inner + part - 1];
                int stop = last ? pointers[r + 1] : positions[r * inner + part];
                if (begin < stop)
                    CodedSparseKernels.ScatterAdd(codes + begin, columns + begin, stop - begin, py, step, offsets?[r] ?? 0f, x[r], values);
            }
        }
    }
}
