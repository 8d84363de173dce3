using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using Recs.Bench.Data;
using Recs.Math;

namespace Recs.Bench.Math;

/// <summary>
/// Sparse matrix–vector products A·x and Aᵀ·x, against TensorPrimitives.Sum over the same number of bytes the product
/// streams (values, indices, pointers, x and y), which is the memory-bandwidth ceiling on this machine. The coded
/// matrix is the same centred matrix as training now holds it (<see cref="CodedSparseMatrix"/>: half-star bytes, each
/// entry 0.5·units − the row's mean computed in the product).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class SpmvBenchmarks
{
    private CsrMatrix _a = null!;
    private CodedSparseMatrix _coded = null!;
    private float[] _x = null!, _xt = null!, _y = null!, _yt = null!, _stream = null!;

    [ParamsSource(nameof(DataSets))]
    public string DataSet { get; set; } = BenchData.Synthetic;

    public static IEnumerable<string> DataSets => BenchData.Available(BenchData.MovieLens, BenchData.Synthetic, BenchData.Letterboxd);

    /// <summary>Bytes one product reads and writes: 8 per stored entry, 4 per pointer, the input and output vectors.</summary>
    public long BytesPerProduct => 8L * _a.NonZeroCount + 4L * (_a.Rows + 1) + 4L * _a.Columns + 4L * _a.Rows;

    [GlobalSetup]
    public void Setup()
    {
        _a = BenchData.Matrix(DataSet);
        _coded = Coded(_a);
        var random = new Random(1);
        _x = [.. Enumerable.Range(0, _a.Columns).Select(_ => random.NextSingle())];
        _xt = [.. Enumerable.Range(0, _a.Rows).Select(_ => random.NextSingle())];
        _y = new float[_a.Rows];
        _yt = new float[_a.Columns];
        _stream = new float[BytesPerProduct / 4];
        _stream.AsSpan().Fill(1f);
        Console.WriteLine($"// {DataSet}: {_a.Rows}×{_a.Columns}, {_a.NonZeroCount} stored, {BytesPerProduct} bytes per product");
    }

    [Benchmark(Description = "A·x")]
    public void Multiply() => _a.Multiply(_x, _y);

    [Benchmark(Description = "Aᵀ·x")]
    public void MultiplyTransposed() => _a.MultiplyTransposed(_xt, _yt);

    [Benchmark(Description = "coded A·x")]
    public void CodedMultiply() => _coded.Multiply(_x, _y);

    [Benchmark(Description = "coded Aᵀ·x")]
    public void CodedMultiplyTransposed() => _coded.MultiplyTransposed(_xt, _yt);

    // The centred float matrix back as half-star units and row means (every rating set here is in half stars).
    private static CodedSparseMatrix Coded(CsrMatrix a)
    {
        var units = new byte[a.NonZeroCount];
        for (int r = 0; r < a.Rows; r++)
        {
            for (int p = a.RowPointers[r]; p < a.RowPointers[r + 1]; p++)
                units[p] = (byte)MathF.Round((a.Values[p] + a.RowMeans[r]) * 2);
        }
        var pattern = SparsePattern.RowsOnly(a.Rows, a.Columns, a.RowPointers.ToArray(), a.ColumnIndices.ToArray());
        return CodedSparseMatrix.Create(pattern, units, 0.5f, rowOffsets: a.RowMeans.ToArray());
    }

    [Benchmark(Baseline = true, Description = "Sum(same bytes)")]
    public float SumSameBytes() => TensorPrimitives.Sum<float>(_stream);
}
