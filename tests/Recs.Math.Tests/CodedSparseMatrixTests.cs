using System.Runtime.Intrinsics.X86;
using MathNet.Numerics.LinearAlgebra;

namespace Recs.Math.Tests;

/// <summary>
/// The byte-coded sparse matrix against a dense double reference of (step·code − offset_r)·scale_c, with and without
/// offsets and scales, on one core and on the helper threads, and its kernels against their scalar twins.
/// </summary>
[Collection(AllocationMeasurements.Name)]
public sealed class CodedSparseMatrixTests
{
    private const float Step = 0.5f;

    private sealed record Case(CodedSparseMatrix Matrix, double[,] Dense);

    // A rating-like matrix: codes 1–10 (half stars), some rows and columns empty, offsets near the rows' means.
    private static Case Build(int rows, int columns, double density, bool offsets, bool scales, int seed, bool rowsOnly = false)
    {
        var random = new Random(seed);
        var pointers = new int[rows + 1];
        var indices = new List<int>();
        var codes = new List<byte>();
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                if (r % 5 == 1 || random.NextDouble() >= density)
                    continue;
                indices.Add(c);
                codes.Add((byte)random.Next(1, 11));
            }
            pointers[r + 1] = indices.Count;
        }
        var rowOffsets = offsets ? Enumerable.Range(0, rows).Select(_ => (float)(1 + 3 * random.NextDouble())).ToArray() : null;
        var columnScales = scales ? Enumerable.Range(0, columns).Select(_ => (float)(0.05 + random.NextDouble())).ToArray() : null;
        // The matrix reads rows only, whether or not its pattern also has the column order.
        var pattern = rowsOnly
            ? SparsePattern.RowsOnly(rows, columns, pointers, indices.ToArray())
            : SparsePattern.FromRows(rows, columns, pointers, indices.ToArray());
        var matrix = CodedSparseMatrix.Create(pattern, codes.ToArray(), Step, rowOffsets, columnScales);
        var dense = new double[rows, columns];
        for (int r = 0; r < rows; r++)
        {
            for (int p = pointers[r]; p < pointers[r + 1]; p++)
                dense[r, indices[p]] = ((double)Step * codes[p] - (rowOffsets?[r] ?? 0)) * (columnScales?[indices[p]] ?? 1);
        }
        return new Case(matrix, dense);
    }

    private static void AssertProductsMatchDense(Case test, Random random)
    {
        AssertProductMatchesDense(test, random, transposed: false);
        AssertProductMatchesDense(test, random, transposed: true);
    }

    private static void AssertProductMatchesDense(Case test, Random random, bool transposed)
    {
        var (a, dense) = (test.Matrix, test.Dense);
        var (inputs, outputs) = transposed ? (a.Rows, a.Columns) : (a.Columns, a.Rows);
        double Entry(int output, int input) => transposed ? dense[input, output] : dense[output, input];
        var x = Enumerable.Range(0, inputs).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var y = Enumerable.Repeat(float.NaN, outputs).ToArray();
        if (transposed)
            a.MultiplyTransposed(x, y);
        else
            a.Multiply(x, y);
        string name = transposed ? "Aᵀ·x" : "A·x";
        for (int i = 0; i < outputs; i++)
        {
            double expected = 0, magnitude = 0;
            for (int j = 0; j < inputs; j++)
            {
                expected += Entry(i, j) * x[j];
                magnitude += System.Math.Abs(Entry(i, j) * x[j]);
            }
            Assert.True(System.Math.Abs(expected - y[i]) <= 1e-5 * (1 + magnitude), $"({name})[{i}] = {y[i]}, expected {expected}.");
        }
    }

    [Fact]
    public void A_rescaled_matrix_has_the_same_codes_under_the_new_offsets_and_scales_and_leaves_the_original_as_it_was()
    {
        var plain = Build(50, 40, 0.4, offsets: false, scales: false, seed: 31);
        var random = new Random(32);
        var rowOffsets = Enumerable.Range(0, 50).Select(_ => (float)(1 + 3 * random.NextDouble())).ToArray();
        var columnScales = Enumerable.Range(0, 40).Select(_ => (float)(0.05 + random.NextDouble())).ToArray();
        var dense = new double[50, 40];
        for (int r = 0; r < 50; r++)
        {
            for (int p = plain.Matrix.RowPointers[r]; p < plain.Matrix.RowPointers[r + 1]; p++)
            {
                int c = plain.Matrix.ColumnIndices[p];
                dense[r, c] = ((double)Step * plain.Matrix.Codes[p] - rowOffsets[r]) * columnScales[c];
            }
        }
        AssertProductsMatchDense(new Case(plain.Matrix.Rescaled(rowOffsets, columnScales), dense), random);
        AssertProductsMatchDense(plain, random);
        Assert.Throws<ArgumentException>(() => plain.Matrix.Rescaled(rowOffsets[1..], null));
        Assert.Throws<ArgumentException>(() => plain.Matrix.Rescaled(null, columnScales[1..]));
    }

    [Theory]
    [InlineData(1, 1, 1.0)]
    [InlineData(1, 70, 0.6)]
    [InlineData(70, 1, 0.6)]
    [InlineData(41, 37, 0.8)]
    [InlineData(300, 200, 0.15)]
    public void Products_match_the_dense_reference_with_and_without_offsets_and_scales(int rows, int columns, double density)
    {
        foreach (bool rowsOnly in new[] { false, true })
        {
            foreach (bool offsets in new[] { false, true })
            {
                foreach (bool scales in new[] { false, true })
                {
                    AssertProductsMatchDense(
                        Build(rows, columns, density, offsets, scales, rows * 31 + columns, rowsOnly), new Random(rows + columns));
                }
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Products_on_the_helper_threads_match_the_dense_reference(bool rowsOnly)
    {
        var test = Build(700, 400, 0.3, offsets: true, scales: true, seed: 5, rowsOnly);
        Assert.True(test.Matrix.NonZeroCount > SparseProductWork.ParallelThreshold, "matrix too small to take the parallel path");
        Assert.True(CoreTeam.Size > 1, "one core: the products cannot run on helper threads here");
        AssertProductsMatchDense(test, new Random(6));
    }

    [Fact]
    public void A_transposed_product_from_the_rows_alone_sums_each_column_in_row_order_whatever_the_number_of_parts()
    {
        // One column in every row holds more than a part's share of the entries, so some part counts leave parts
        // empty; the first row has every column, so it crosses every bound.
        const int rows = 300, columns = 60;
        var random = new Random(9);
        var pointers = new int[rows + 1];
        var indices = new List<int>();
        var codes = new List<byte>();
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                if (r == 0 || c == 7 || random.NextDouble() < 0.1)
                {
                    indices.Add(c);
                    codes.Add((byte)random.Next(1, 11));
                }
            }
            pointers[r + 1] = indices.Count;
        }
        var offsets = Enumerable.Range(0, rows).Select(_ => (float)(1 + 3 * random.NextDouble())).ToArray();
        var pattern = SparsePattern.RowsOnly(rows, columns, pointers, indices.ToArray());
        var a = CodedSparseMatrix.Create(pattern, codes.ToArray(), Step, rowOffsets: offsets);
        var x = Enumerable.Range(0, rows).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var expected = new float[columns];
        for (int r = 0; r < rows; r++)
        {
            for (int p = pointers[r]; p < pointers[r + 1]; p++)
                expected[indices[p]] += a.ValueAt(r, p) * x[r];
        }

        bool sawEmptyPart = false;
        for (int parts = 1; parts <= 9; parts++)
        {
            var splits = RowSplits.Of(pattern.RowPointers, pattern.ColumnIndices, pattern.ColumnPointers, parts);
            int inner = splits.Parts.Count - 1;
            for (int r = 0; r < rows; r++)
            {
                var row = pattern.ColumnsInRow(r);
                for (int part = 1; part <= inner; part++)
                {
                    int search = row.BinarySearch(splits.Parts.Start(part));
                    int lowerBound = pointers[r] + (search >= 0 ? search : ~search);
                    Assert.True(lowerBound == splits.Positions[r * inner + part - 1], $"{parts} parts: row {r} enters part {part} at the wrong entry");
                }
            }
            var y = Enumerable.Repeat(float.NaN, columns).ToArray();
            for (int part = 0; part < splits.Parts.Count; part++)
            {
                sawEmptyPart |= splits.Parts.Start(part) == splits.Parts.End(part);
                a.ScatterRows(x, y, splits, part);
            }
            Assert.Equal(expected, y);
        }
        Assert.True(sawEmptyPart, "no part count left a part empty: the heavy column no longer tests that case");
        var whole = new float[columns];
        a.ScatterRows(x, whole, splits: null, part: 0);
        Assert.Equal(expected, whole);
    }

    [Fact]
    public void A_single_long_row_multiplies_like_its_dense_matrix_on_the_helper_threads()
    {
        var test = Build(1, 60_000, 1.0, offsets: true, scales: true, seed: 14, rowsOnly: true);
        Assert.True(test.Matrix.NonZeroCount > SparseProductWork.ParallelThreshold, "matrix too small to take the parallel path");
        AssertProductsMatchDense(test, new Random(15));
    }

    [Fact]
    public void A_pattern_of_rows_only_has_no_column_order_to_read_or_write()
    {
        var pattern = SparsePattern.RowsOnly(2, 3, [0, 2, 3], [0, 2, 1]);
        Assert.False(pattern.HasColumnOrder);
        Assert.Equal([0, 1, 2, 3], pattern.ColumnPointers);
        Assert.Equal([0, 2], pattern.ColumnsInRow(0).ToArray());
        Assert.Throws<InvalidOperationException>(() => pattern.RowsInColumn(0).Length);
        Assert.Throws<InvalidOperationException>(() => pattern.ToColumnOrder<byte>([1, 2, 3], new byte[3]));
        Assert.Throws<ArgumentException>(() => SparsePattern.RowsOnly(2, 3, [0, 2, 2], [2, 1]));
        Assert.Throws<ArgumentException>(() => SparsePattern.RowsOnly(1, 3, [0, 1], [3]));
        Assert.Throws<ArgumentException>(() => SparsePattern.RowsOnly(2, 3, [0, 2], [0, 1]));
    }

    [Fact]
    public void Values_are_the_entries_of_the_dense_reference()
    {
        var (a, dense) = Build(60, 50, 0.4, offsets: true, scales: true, seed: 8);
        for (int r = 0; r < a.Rows; r++)
        {
            for (int p = a.RowPointers[r]; p < a.RowPointers[r + 1]; p++)
                Assert.Equal(dense[r, a.ColumnIndices[p]], a.ValueAt(r, p), 1e-6);
        }
    }

    [Fact]
    public void Its_singular_values_match_a_dense_decomposition_of_the_same_entries()
    {
        var (a, dense) = Build(200, 150, 0.12, offsets: true, scales: false, seed: 12);
        var reference = Matrix<double>.Build.DenseOfArray(dense).Svd(computeVectors: true);
        var svd = LanczosSvd.Compute(a, new LanczosSvdOptions { Rank = 12, Seed = 4 });
        var sigma = reference.S.ToArray();
        SvdAssert.ValuesClose(sigma, svd.SingularValues, 12, 1e-3);
        SvdAssert.Orthonormal(svd.V, 150, 12, 1e-4, "V");
        SvdAssert.SubspacesAligned(reference.VT.Transpose(), TestMatrices.FromRowMajor(svd.V, 150, 12), sigma, 12, 0.02, 0.999, "V");
    }

    [Fact]
    public void Bad_shapes_and_values_are_rejected()
    {
        var pattern = SparsePattern.FromRows(2, 3, [0, 2, 3], [0, 2, 1]);
        byte[] codes = [1, 2, 3];
        Assert.Throws<ArgumentException>(() => CodedSparseMatrix.Create(pattern, codes[..2], Step));
        Assert.Throws<ArgumentException>(() => CodedSparseMatrix.Create(pattern, codes, float.NaN));
        Assert.Throws<ArgumentException>(() => CodedSparseMatrix.Create(pattern, codes, Step, rowOffsets: [1f]));
        Assert.Throws<ArgumentException>(() => CodedSparseMatrix.Create(pattern, codes, Step, rowOffsets: [1f, float.PositiveInfinity]));
        Assert.Throws<ArgumentException>(() => CodedSparseMatrix.Create(pattern, codes, Step, columnScales: [1f, 1f]));
        Assert.Throws<ArgumentException>(() => CodedSparseMatrix.Create(pattern, codes, Step, columnScales: [1f, float.NaN, 1f]));
        var a = CodedSparseMatrix.Create(pattern, codes, Step);
        Assert.Throws<ArgumentException>(() => a.Multiply(new float[2], new float[2]));
        Assert.Throws<ArgumentException>(() => a.MultiplyTransposed(new float[2], new float[2]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Products_allocate_nothing_once_warm(bool rowsOnly)
    {
        var a = Build(700, 400, 0.3, offsets: true, scales: true, seed: 5, rowsOnly).Matrix;
        var x = new float[400];
        var y = new float[700];
        Array.Fill(x, 0.5f);
        a.Multiply(x, y);
        a.MultiplyTransposed(y, x);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            a.Multiply(x, y);
            a.MultiplyTransposed(y, x);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 400, $"400 products allocated {allocated} bytes on the calling thread");
    }

    [Fact]
    public void Kernels_match_their_scalar_twins_for_every_length_up_to_256()
    {
        var random = new Random(17);
        var x = Enumerable.Range(0, 1000).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        for (int length = 0; length <= 256; length++)
        {
            var codes = Enumerable.Range(0, length).Select(_ => (byte)random.Next(256)).ToArray();
            var indices = Enumerable.Range(0, length).Select(_ => random.Next(x.Length)).ToArray();
            float tolerance = 1e-4f * (1 + length);
            float scalar = CodedSparseKernels.DotScalar(codes, indices, x, Step, 2.25f);
            Assert.True(System.Math.Abs(scalar - CodedSparseKernels.Dot(codes, indices, x, Step, 2.25f)) <= tolerance, $"length {length}: Dot");
            if (Avx2.IsSupported && Fma.IsSupported)
            {
                float vector = CodedSparseKernels.DotAvx2(codes, indices, x, Step, 2.25f);
                Assert.True(System.Math.Abs(scalar - vector) <= tolerance, $"length {length}: AVX2 {vector} vs scalar {scalar}");
            }

            // A scatter adds each entry to its own position, so the vector and scalar forms round alike, and both
            // match a double reference.
            var distinct = Enumerable.Range(0, x.Length).OrderBy(_ => random.Next()).Take(length).ToArray();
            var (scattered, scatteredScalar) = ((float[])x.Clone(), (float[])x.Clone());
            CodedSparseKernels.ScatterAdd(codes, distinct, scattered, Step, 2.25f, -1.5f);
            CodedSparseKernels.ScatterAddScalar(codes, distinct, scatteredScalar, Step, 2.25f, -1.5f);
            Assert.Equal(scatteredScalar, scattered);
            var touched = distinct.ToHashSet();
            for (int i = 0; i < length; i++)
            {
                double expected = x[distinct[i]] + ((double)Step * codes[i] - 2.25) * -1.5;
                Assert.True(System.Math.Abs(expected - scattered[distinct[i]]) <= 1e-4 * (1 + System.Math.Abs(expected)), $"length {length}: ScatterAdd at {i}");
            }
            for (int i = 0; i < x.Length; i++)
                Assert.True(touched.Contains(i) || scattered[i] == x[i], $"length {length}: ScatterAdd changed y[{i}], which no index names");
        }
    }
}
