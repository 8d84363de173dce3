namespace Recs.Math.Tests;

public sealed class CholeskyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(33)]
    [InlineData(Cholesky.BlockSize - 1)]
    [InlineData(Cholesky.BlockSize)]
    [InlineData(Cholesky.BlockSize + 1)]
    [InlineData(257)]
    [InlineData(600)] // several blocks, products split across cores
    public void Inverse_matches_gauss_jordan_on_random_positive_definite_matrices(int n)
    {
        var a = RandomPositiveDefinite(n, new Random(n * 17 + 3));
        var expected = GaussJordanInverse(a, n);

        var inverse = (double[])a.Clone();
        Cholesky.Invert(inverse, n);

        AssertClose(expected, inverse, n, $"n {n}");
    }

    [Theory]
    [InlineData(7)]
    [InlineData(300)]
    public void Column_by_column_inverse_matches_gauss_jordan(int n)
    {
        var a = RandomPositiveDefinite(n, new Random(n * 5 + 1));
        var expected = GaussJordanInverse(a, n);

        var inverse = (double[])a.Clone();
        ColumnCholesky.Invert(inverse, n);

        AssertClose(expected, inverse, n, $"column-by-column, n {n}");
    }

    [Fact]
    public void Blocked_inverse_with_the_scalar_tile_kernel_matches_gauss_jordan()
    {
        const int n = Cholesky.BlockSize * 2 + 3;
        var a = RandomPositiveDefinite(n, new Random(41));
        var expected = GaussJordanInverse(a, n);
        var inverse = (double[])a.Clone();
        bool vectors = PackedTileProduct.UseVectors;
        try
        {
            PackedTileProduct.UseVectors = false;
            Cholesky.Invert(inverse, n);
        }
        finally
        {
            PackedTileProduct.UseVectors = vectors;
        }

        AssertClose(expected, inverse, n, "scalar tiles");
    }

    [Fact]
    public void Inverse_times_the_matrix_is_the_identity_at_several_blocks()
    {
        const int n = 4 * Cholesky.BlockSize + 5;
        var a = RandomPositiveDefinite(n, new Random(77), extraRows: 40);
        var inverse = (double[])a.Clone();
        Cholesky.Invert(inverse, n);

        double worst = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int k = 0; k < n; k++)
                    sum += a[i * n + k] * inverse[k * n + j];
                worst = System.Math.Max(worst, System.Math.Abs(sum - (i == j ? 1 : 0)));
            }
        }
        Assert.True(worst <= 1e-8, $"A·A⁻¹ differs from I by up to {worst}");
    }

    [Fact]
    public void Blocked_factor_matches_the_column_by_column_factor_inside_a_wider_stride()
    {
        const int n = Cholesky.BlockSize + 45, stride = n + 3;
        var dense = RandomPositiveDefinite(n, new Random(12));
        var blocked = new double[n * stride];
        for (int i = 0; i < n; i++)
            dense.AsSpan(i * n, n).CopyTo(blocked.AsSpan(i * stride, n));
        var columns = (double[])blocked.Clone();
        for (int i = 0; i < n; i++)
            blocked[i * stride + n] = columns[i * stride + n] = i; // beyond the block: must stay untouched

        Cholesky.FactorLower(blocked, n, stride);
        ColumnCholesky.FactorLower(columns, n, stride);

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
                Assert.True(System.Math.Abs(blocked[i * stride + j] - columns[i * stride + j]) <= 1e-9 * (1 + System.Math.Abs(columns[i * stride + j])), $"L[{i},{j}]: blocked {blocked[i * stride + j]}, column by column {columns[i * stride + j]}");
            for (int j = i + 1; j <= n; j++)
                Assert.Equal(columns[i * stride + j], blocked[i * stride + j]);
        }
    }

    private static void AssertClose(double[] expected, double[] inverse, int n, string what)
    {
        double scale = expected.Max(System.Math.Abs);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double got = inverse[i * n + j], want = expected[i * n + j];
                Assert.True(System.Math.Abs(got - want) <= 1e-9 * scale, $"{what}: inverse[{i},{j}] = {got}, Gauss–Jordan gives {want}");
            }
        }
    }

    [Fact]
    public void Inverse_reads_only_the_lower_triangle()
    {
        const int n = 9;
        var a = RandomPositiveDefinite(n, new Random(5));
        var expected = GaussJordanInverse(a, n);
        var garbled = (double[])a.Clone();
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                garbled[i * n + j] = double.NaN;

        Cholesky.Invert(garbled, n);

        for (int i = 0; i < n * n; i++)
            Assert.True(System.Math.Abs(garbled[i] - expected[i]) <= 1e-9 * expected.Max(System.Math.Abs), $"entry {i}: {garbled[i]} vs {expected[i]}");
    }

    [Fact]
    public void Factor_times_its_transpose_gives_back_the_matrix_inside_a_wider_stride()
    {
        const int n = 12, stride = 15;
        var dense = RandomPositiveDefinite(n, new Random(8));
        var a = new double[n * stride];
        for (int i = 0; i < n; i++)
            dense.AsSpan(i * n, n).CopyTo(a.AsSpan(i * stride, n));

        Cholesky.FactorLower(a.AsSpan(), n, stride);

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double product = 0;
                for (int k = 0; k <= j; k++)
                    product += a[i * stride + k] * a[j * stride + k];
                Assert.True(System.Math.Abs(product - dense[i * n + j]) <= 1e-9 * (1 + System.Math.Abs(dense[i * n + j])), $"(LLᵀ)[{i},{j}] = {product}, A holds {dense[i * n + j]}");
            }
        }
    }

    [Fact]
    public void Short_buffers_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Cholesky.Invert(new double[8], 3));
        Assert.Throws<ArgumentException>(() => Cholesky.FactorLower(new double[9], 4, 3));
        Assert.Throws<ArgumentException>(() => Cholesky.FactorLower(new double[9].AsSpan(), 4, 3));
    }

    // MᵀM of a random tall matrix plus a small ridge: symmetric, positive definite, with a spread of eigenvalues.
    private static double[] RandomPositiveDefinite(int n, Random random, int extraRows = 5)
    {
        int rows = n + extraRows;
        var m = new double[rows * n];
        for (int i = 0; i < m.Length; i++)
            m[i] = random.NextDouble() * 2 - 1;
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int r = 0; r < rows; r++)
                    sum += m[r * n + i] * m[r * n + j];
                a[i * n + j] = sum + (i == j ? 0.5 : 0);
            }
        }
        return a;
    }

    // Independent reference: [A | I] reduced to [I | A⁻¹] with partial pivoting.
    private static double[] GaussJordanInverse(double[] a, int n)
    {
        var w = new double[n, 2 * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
                w[i, j] = a[i * n + j];
            w[i, n + i] = 1;
        }
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
            {
                if (System.Math.Abs(w[r, col]) > System.Math.Abs(w[pivot, col]))
                    pivot = r;
            }
            for (int c = 0; c < 2 * n; c++)
                (w[col, c], w[pivot, c]) = (w[pivot, c], w[col, c]);
            double p = w[col, col];
            for (int c = 0; c < 2 * n; c++)
                w[col, c] /= p;
            for (int r = 0; r < n; r++)
            {
                if (r == col || w[r, col] == 0)
                    continue;
                double f = w[r, col];
                for (int c = 0; c < 2 * n; c++)
                    w[r, c] -= f * w[col, c];
            }
        }
        var inverse = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                inverse[i * n + j] = w[i, n + j];
        return inverse;
    }
}
