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
    private const int RowAlignment = 64;

    private enum Operation { Project, Subtract, Combine }

    private readonly int _partsPerProduct = 2 * CoreTeam.Size;
    private Operation _operation;
    private float[] _basis = [];
    private int _length;
    private int _count;
    private float[] _vector = [];
    private int _vectorOffset;
    private float[] _weights = [];
    private int _outputs;
    private float[] _output = [];
    private int _rowsPerPart;
    private int _vectorsPerPart;

    /// <summary>coefficients[i] = ⟨basis_i, x⟩ for i &lt; count, where x = vector[offset, offset + length).</summary>
    public void Project(float[] basis, int length, int count, float[] vector, int offset, float[] coefficients)
    {
        if (count == 0 || length == 0)
            return;
        Set(Operation.Project, basis, length, count, vector, offset, coefficients, 1, []);
        int parts = (long)count * length < ParallelThreshold ? 1 : _partsPerProduct;
        _vectorsPerPart = (count + parts - 1) / parts;
        Run((count + _vectorsPerPart - 1) / _vectorsPerPart);
    }

    /// <summary>x −= Σ_i coefficients[i]·basis_i over i &lt; count, where x = vector[offset, offset + length).</summary>
    public void Subtract(float[] basis, int length, int count, float[] coefficients, float[] vector, int offset)
    {
        Set(Operation.Subtract, basis, length, count, vector, offset, coefficients, 1, []);
        RunByRows();
    }

    /// <summary>output_i = Σ_j basis_j·weights[i·count + j] for i &lt; outputs, outputs stored as contiguous vectors.</summary>
    public void Combine(float[] basis, int length, int count, float[] weights, int outputs, float[] output)
    {
        Set(Operation.Combine, basis, length, count, [], 0, weights, outputs, output);
        RunByRows();
    }

    public void RunPart(int part)
    {
        switch (_operation)
        {
            case Operation.Project:
                int first = part * _vectorsPerPart;
                int last = System.Math.Min(_count, first + _vectorsPerPart);
                var x = _vector.AsSpan(_vectorOffset, _length);
                for (int i = first; i < last; i++)
                    _weights[i] = TensorPrimitives.Dot<float>(_basis.AsSpan(i * _length, _length), x);
                break;
            case Operation.Subtract:
                BasisCombination.Subtract(_basis, _length, _count, _weights, _vector.AsSpan(_vectorOffset, _length),
                    RowStart(part), RowEnd(part));
                break;
            case Operation.Combine:
                BasisCombination.Combine(_basis, _length, _count, _weights, _outputs, _output, RowStart(part), RowEnd(part));
                break;
        }
    }

    private int RowStart(int part) => System.Math.Min(_length, part * _rowsPerPart);

    private int RowEnd(int part) => System.Math.Min(_length, (part + 1) * _rowsPerPart);

    private void Set(Operation operation, float[] basis, int length, int count, float[] vector, int offset,
        float[] weights, int outputs, float[] output)
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
            (_basis, _vector, _weights, _output) = ([], [], [], []);
        }
    }
}
