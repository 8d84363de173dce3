using System.Numerics.Tensors;

namespace Recs.Math;

/// <summary>
/// The dense products of a Lanczos run with a basis of contiguous vectors (projections, subtraction and rotation),
/// cut into parts for <see cref="CoreTeam"/>: projections by basis vector, the others by 64-row-aligned row ranges.
/// One instance per run, used by one thread at a time.
/// </summary>
internal sealed class BasisProductWork : IPartitionedWork
{
    // Below this many basis elements a product is over before a second core could help.
    private const long ParallelThreshold = 64 * 1024;
    private const int RowAlignment = BasisCombination.TileRows;

    private enum Operation { Project, Subtract, Rotate }

    private readonly int _partsPerProduct = 2 * CoreTeam.Size;
    private Operation _operation;
    private Memory<float> _basis;
    private int _length;
    private int _count;
    private Memory<float> _vector;
    private int _vectorOffset;
    private Memory<float> _weights;
    private int _outputs;
    private Memory<float> _output;
    private int _rowsPerPart;
    private int _vectorsPerPart;

    /// <summary>coefficients[i] = ⟨basis_i, x⟩ for i &lt; count, where x = vector[offset, offset + length).</summary>
    public void Project(Memory<float> basis, int length, int count, Memory<float> vector, int offset, Memory<float> coefficients)
    {
        if (count == 0 || length == 0)
            return;
        Set(Operation.Project, basis, length, count, vector, offset, coefficients, 1, default);
        int parts = (long)count * length < ParallelThreshold ? 1 : _partsPerProduct;
        _vectorsPerPart = (count + parts - 1) / parts;
        Run((count + _vectorsPerPart - 1) / _vectorsPerPart);
    }

    /// <summary>x −= Σ_i coefficients[i]·basis_i over i &lt; count, where x = vector[offset, offset + length).</summary>
    public void Subtract(Memory<float> basis, int length, int count, Memory<float> coefficients, Memory<float> vector, int offset)
    {
        Set(Operation.Subtract, basis, length, count, vector, offset, coefficients, 1, default);
        RunByRows();
    }

    /// <summary>
    /// output_i = Σ_j basis_j·weights[i·count + j] for i &lt; outputs, written over the first <paramref name="outputs"/>
    /// vectors of the basis itself (<see cref="BasisCombination.CombineInPlace"/>); <paramref name="tiles"/> holds
    /// <see cref="TileValues"/> values.
    /// </summary>
    public void Rotate(Memory<float> basis, int length, int count, Memory<float> weights, int outputs, Memory<float> tiles)
    {
        if (tiles.Length < TileValues(outputs))
            throw new ArgumentException($"tiles hold {tiles.Length} values, {TileValues(outputs)} needed.", nameof(tiles));
        Set(Operation.Rotate, basis, length, count, default, 0, weights, outputs, tiles);
        RunByRows();
    }

    /// <summary>The tile space <see cref="Rotate"/> needs for <paramref name="outputs"/> vectors: one tile per part.</summary>
    public int TileValues(int outputs) => _partsPerProduct * outputs * BasisCombination.TileRows;

    public void RunPart(int part)
    {
        switch (_operation)
        {
            case Operation.Project:
                int first = part * _vectorsPerPart;
                int last = System.Math.Min(_count, first + _vectorsPerPart);
                var x = _vector.Span.Slice(_vectorOffset, _length);
                var basis = _basis.Span;
                var coefficients = _weights.Span;
                for (int i = first; i < last; i++)
                    coefficients[i] = TensorPrimitives.Dot<float>(basis.Slice(i * _length, _length), x);
                break;
            case Operation.Subtract:
                BasisCombination.Subtract(_basis.Span, _length, _count, _weights.Span, _vector.Span.Slice(_vectorOffset, _length),
                    RowStart(part), RowEnd(part));
                break;
            case Operation.Rotate:
                int tile = _outputs * BasisCombination.TileRows;
                BasisCombination.CombineInPlace(_basis.Span, _length, _count, _weights.Span, _outputs,
                    _output.Span.Slice(part * tile, tile), RowStart(part), RowEnd(part));
                break;
        }
    }

    private int RowStart(int part) => System.Math.Min(_length, part * _rowsPerPart);

    private int RowEnd(int part) => System.Math.Min(_length, (part + 1) * _rowsPerPart);

    private void Set(Operation operation, Memory<float> basis, int length, int count, Memory<float> vector, int offset,
        Memory<float> weights, int outputs, Memory<float> output)
    {
        (_operation, _basis, _length, _count) = (operation, basis, length, count);
        (_vector, _vectorOffset, _weights, _outputs, _output) = (vector, offset, weights, outputs, output);
    }

    private void RunByRows()
    {
        if (_count == 0 || _length == 0)
            return;
        int parts = (long)_count * _length * _outputs < ParallelThreshold ? 1 : _partsPerProduct;
        int rows = (_length + parts - 1) / parts;
        _rowsPerPart = (rows + RowAlignment - 1) / RowAlignment * RowAlignment;
        Run((_length + _rowsPerPart - 1) / _rowsPerPart);
    }

    private void Run(int parts)
    {
        try
        {
            CoreTeam.Run(this, parts);
        }
        finally
        {
            (_basis, _vector, _weights, _output) = (default, default, default, default);
        }
    }
}
