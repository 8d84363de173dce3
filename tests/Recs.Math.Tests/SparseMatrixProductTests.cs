namespace Recs.Math.Tests;

public sealed class SparseMatrixProductTests
{
    public static TheoryData<int, int, double> Shapes()
    {
        var data = new TheoryData<int, int, double> { { 1, 1, 1.0 }, { 1, 70, 0.5 }, { 70, 1, 0.5 }, { 40, 40, 0.0 }, { 300, 700, 0.3 } };
        for (int size = 0; size <= 70; size += 7)
            data.Add(size + 1, 71 - size, 0.8);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Products_match_dense_reference(int rows, int cols, double density)
    {
        var random = new Random(rows * 1000 + cols);
        var (r, c, v) = TestMatrices.RandomTriples(rows, cols, density, random);
        // Guarantee some empty rows and columns by construction: density < 1 leaves many, and row 0 is dropped here.
        var keep = Enumerable.Range(0, r.Length).Where(i => rows == 1 || r[i] != 0).ToArray();
        var a = CsrMatrix.FromTriples(keep.Select(i => r[i]).ToArray(), keep.Select(i => c[i]).ToArray(), keep.Select(i => v[i]).ToArray(), rows, cols);
        var dense = TestMatrices.Dense(a);

        var x = Enumerable.Range(0, cols).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var y = new float[rows];
        a.Multiply(x, y);
        for (int i = 0; i < rows; i++)
        {
            double expected = 0;
            for (int j = 0; j < cols; j++)
                expected += dense[i, j] * x[j];
            Assert.True(System.Math.Abs(expected - y[i]) <= 1e-4 * (1 + System.Math.Abs(expected)), $"(A·x)[{i}] = {y[i]}, expected {expected}.");
        }

        var xt = Enumerable.Range(0, rows).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var yt = new float[cols];
        a.MultiplyTransposed(xt, yt);
        for (int j = 0; j < cols; j++)
        {
            double expected = 0;
            for (int i = 0; i < rows; i++)
                expected += dense[i, j] * xt[i];
            Assert.True(System.Math.Abs(expected - yt[j]) <= 1e-4 * (1 + System.Math.Abs(expected)), $"(Aᵀ·x)[{j}] = {yt[j]}, expected {expected}.");
        }
    }

    [Fact]
    public void Parallel_products_match_dense_reference_above_threshold()
    {
        var random = new Random(3);
        var (r, c, v) = TestMatrices.RandomTriples(900, 400, 0.25, random);
        Assert.True(r.Length > SparseProductWork.ParallelThreshold, "matrix too small to take the parallel path");
        var a = CsrMatrix.FromTriples(r, c, v, 900, 400);
        var dense = TestMatrices.Dense(a);
        var x = Enumerable.Range(0, 400).Select(_ => (float)random.NextDouble()).ToArray();
        var y = new float[900];
        a.Multiply(x, y);
        for (int i = 0; i < 900; i++)
        {
            double expected = Enumerable.Range(0, 400).Sum(j => dense[i, j] * x[j]);
            Assert.True(System.Math.Abs(expected - y[i]) <= 1e-4 * (1 + System.Math.Abs(expected)), $"(A·x)[{i}] = {y[i]}, expected {expected}.");
        }
        var yt = new float[400];
        a.MultiplyTransposed(y, yt);
        for (int j = 0; j < 400; j++)
        {
            double expected = Enumerable.Range(0, 900).Sum(i => dense[i, j] * y[i]);
            Assert.True(System.Math.Abs(expected - yt[j]) <= 1e-4 * (1 + System.Math.Abs(expected)), $"(Aᵀ·y)[{j}] = {yt[j]}, expected {expected}.");
        }
    }

    [Fact]
    public void Row_centring_subtracts_mean_of_stored_entries_and_keeps_it()
    {
        var a = CsrMatrix.FromTriples([0, 0, 0, 2], [0, 2, 3, 1], [1f, 2f, 6f, 5f], 3, 4, centreRows: true);
        Assert.Equal([3f, 0f, 5f], a.RowMeans.ToArray());
        Assert.Equal([-2f, -1f, 3f, 0f], a.Values.ToArray());
        Assert.Equal([0, 3, 3, 4], a.RowPointers.ToArray());
    }

    [Fact]
    public void Duplicate_entries_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => CsrMatrix.FromTriples([1, 0, 1], [2, 2, 2], [1f, 1f, 1f], 2, 3));
        Assert.Contains("Duplicate", error.Message);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Non_finite_values_are_rejected(float bad)
    {
        var error = Assert.Throws<ArgumentException>(() => CsrMatrix.FromTriples([0, 1], [0, 1], [1f, bad], 2, 2));
        Assert.Contains("finite", error.Message);
    }

    [Fact]
    public void Out_of_range_indices_and_bad_shapes_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => CsrMatrix.FromTriples([2], [0], [1f], 2, 2));
        Assert.Throws<ArgumentException>(() => CsrMatrix.FromTriples([0], [-1], [1f], 2, 2));
        Assert.Throws<ArgumentException>(() => CsrMatrix.FromTriples([0], [0], [1f, 2f], 2, 2));
        Assert.Throws<ArgumentException>(() => CsrMatrix.FromTriples([], [], [], 0, 2));
    }

    [Fact]
    public void Vector_lengths_are_checked()
    {
        var a = CsrMatrix.FromTriples([0], [1], [1f], 2, 3);
        Assert.Throws<ArgumentException>(() => a.Multiply(new float[2], new float[2]));
        Assert.Throws<ArgumentException>(() => a.MultiplyTransposed(new float[3], new float[3]));
    }
}
