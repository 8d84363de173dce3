using MathNet.Numerics.LinearAlgebra;

namespace Recs.Math.Tests;

public sealed class LanczosSvdSyntheticTests
{
    [Theory]
    [InlineData(300, 200, 20)]
    [InlineData(150, 400, 32)]
    [InlineData(120, 120, 120)]
    public void Recovers_planted_spectrum_and_vectors(int rows, int cols, int rank)
    {
        var random = new Random(rows + cols);
        int full = System.Math.Min(rows, cols);
        var u = TestMatrices.RandomOrthonormal(rows, full, random);
        var v = TestMatrices.RandomOrthonormal(cols, full, random);
        // Geometric decay from 100 with distinct values so every leading subspace has a gap.
        var sigma = Enumerable.Range(0, full).Select(i => 100.0 * System.Math.Pow(0.93, i)).ToArray();
        var a = u * Matrix<double>.Build.DenseOfDiagonalArray(sigma) * v.Transpose();

        var svd = LanczosSvd.Compute(TestMatrices.FromDense(a), new LanczosSvdOptions { Rank = rank, Seed = 5 });

        Assert.True(svd.Converged, $"did not converge in {svd.Restarts} restarts");
        SvdAssert.ValuesClose(sigma, svd.SingularValues, rank, 1e-3);
        SvdAssert.Orthonormal(svd.U, rows, rank, 1e-4, "U");
        SvdAssert.Orthonormal(svd.V, cols, rank, 1e-4, "V");
        SvdAssert.SubspacesAligned(u, TestMatrices.FromRowMajor(svd.U, rows, rank), sigma, rank, 0.01, 0.999, "U");
        SvdAssert.SubspacesAligned(v, TestMatrices.FromRowMajor(svd.V, cols, rank), sigma, rank, 0.01, 0.999, "V");
    }

    [Theory]
    [InlineData(200, 150, 0.1, 10)]
    [InlineData(80, 500, 0.05, 40)]
    [InlineData(60, 50, 0.3, 50)]
    public void Random_sparse_matrix_matches_dense_svd(int rows, int cols, double density, int rank)
    {
        var random = new Random(rows * 7 + cols);
        var (r, c, v) = TestMatrices.RandomTriples(rows, cols, density, random);
        var a = CsrMatrix.FromTriples(r, c, v, rows, cols, centreRows: true);
        var dense = Matrix<double>.Build.DenseOfArray(TestMatrices.Dense(a));
        var reference = dense.Svd(computeVectors: true);

        var svd = LanczosSvd.Compute(a, new LanczosSvdOptions { Rank = rank, Seed = 9 });

        var sigma = reference.S.ToArray();
        SvdAssert.ValuesClose(sigma, svd.SingularValues, rank, 1e-3);
        SvdAssert.Orthonormal(svd.U, rows, rank, 1e-4, "U");
        SvdAssert.Orthonormal(svd.V, cols, rank, 1e-4, "V");
        SvdAssert.SubspacesAligned(reference.U, TestMatrices.FromRowMajor(svd.U, rows, rank), sigma, rank, 0.02, 0.999, "U");
        SvdAssert.SubspacesAligned(reference.VT.Transpose(), TestMatrices.FromRowMajor(svd.V, cols, rank), sigma, rank, 0.02, 0.999, "V");
    }

    [Fact]
    public void Rank_deficient_matrix_returns_zero_trailing_values_with_orthonormal_vectors()
    {
        var random = new Random(2);
        var u = TestMatrices.RandomOrthonormal(50, 3, random);
        var v = TestMatrices.RandomOrthonormal(40, 3, random);
        var a = u * Matrix<double>.Build.DenseOfDiagonalArray([5.0, 3.0, 1.0]) * v.Transpose();

        var svd = LanczosSvd.Compute(TestMatrices.FromDense(a), new LanczosSvdOptions { Rank = 6, Seed = 1 });

        SvdAssert.ValuesClose([5.0, 3.0, 1.0], svd.SingularValues, 3, 1e-3);
        for (int i = 3; i < 6; i++)
            Assert.True(svd.SingularValues[i] < 1e-3, $"σ[{i}] = {svd.SingularValues[i]} should be zero for a rank-3 matrix");
        SvdAssert.Orthonormal(svd.U, 50, 6, 1e-3, "U");
        SvdAssert.Orthonormal(svd.V, 40, 6, 1e-3, "V");
    }

    [Fact]
    public void Same_seed_gives_identical_results()
    {
        var (r, c, v) = TestMatrices.RandomTriples(400, 300, 0.5, new Random(4));
        var a = CsrMatrix.FromTriples(r, c, v, 400, 300);
        var first = LanczosSvd.Compute(a, new LanczosSvdOptions { Rank = 16, Seed = 77 });
        var second = LanczosSvd.Compute(a, new LanczosSvdOptions { Rank = 16, Seed = 77 });
        Assert.Equal(first.SingularValues, second.SingularValues);
        Assert.Equal(first.U, second.U);
        Assert.Equal(first.V, second.V);
    }

    [Fact]
    public void Without_left_vectors_the_values_and_right_vectors_are_the_same_and_U_is_empty()
    {
        var (r, c, v) = TestMatrices.RandomTriples(400, 300, 0.5, new Random(6));
        var a = CsrMatrix.FromTriples(r, c, v, 400, 300);
        var both = LanczosSvd.Compute(a, new LanczosSvdOptions { Rank = 12, Seed = 5 });
        var right = LanczosSvd.Compute(a, new LanczosSvdOptions { Rank = 12, Seed = 5, LeftVectors = false });
        Assert.Equal(400 * 12, both.U.Length);
        Assert.Empty(right.U);
        Assert.Equal(both.SingularValues, right.SingularValues);
        Assert.Equal(both.V, right.V);
    }

    [Fact]
    public void Right_vectors_written_to_a_pooled_buffer_equal_the_returned_array()
    {
        var (r, c, v) = TestMatrices.RandomTriples(400, 300, 0.5, new Random(7));
        var a = CsrMatrix.FromTriples(r, c, v, 400, 300);
        var options = new LanczosSvdOptions { Rank = 12, Seed = 5, LeftVectors = false };
        var returned = LanczosSvd.Compute(a, options);
        using var pool = new ScratchPool();
        var buffer = pool.Rent<float>(300 * 12 + 5);
        buffer.Span.Fill(float.NaN);
        var written = LanczosSvd.Compute(a, options, pool, buffer);
        Assert.Empty(written.V);
        Assert.Equal(returned.SingularValues, written.SingularValues);
        Assert.Equal(returned.V, buffer.Span[..(300 * 12)].ToArray());
        Assert.True(float.IsNaN(buffer.Span[300 * 12]), "the SVD wrote past Columns × Rank");
        var error = Assert.Throws<ArgumentException>(() => LanczosSvd.Compute(a, options, pool, new float[300 * 12 - 1]));
        Assert.Contains("300 × 12", error.Message);
    }

    [Fact]
    public void One_by_one_matrix_has_its_entry_as_singular_value()
    {
        var svd = LanczosSvd.Compute(CsrMatrix.FromTriples([0], [0], [-3f], 1, 1), new LanczosSvdOptions { Rank = 1 });
        Assert.Equal(3f, svd.SingularValues[0], 5);
        Assert.Equal(-3f, svd.U[0] * svd.SingularValues[0] * svd.V[0], 5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(4)]
    public void Rank_outside_valid_range_is_rejected(int rank)
    {
        var a = CsrMatrix.FromTriples([0, 1, 2], [0, 1, 2], [1f, 2f, 3f], 3, 5);
        var error = Assert.Throws<ArgumentException>(() => LanczosSvd.Compute(a, new LanczosSvdOptions { Rank = rank }));
        Assert.Contains("Rank", error.Message);
    }

    [Fact]
    public void Matrix_without_entries_is_rejected()
    {
        var a = CsrMatrix.FromTriples([], [], [], 3, 3);
        var error = Assert.Throws<ArgumentException>(() => LanczosSvd.Compute(a, new LanczosSvdOptions { Rank = 1 }));
        Assert.Contains("no stored entries", error.Message);
    }

    [Fact]
    public void Non_positive_tolerance_is_rejected()
    {
        var a = CsrMatrix.FromTriples([0], [0], [1f], 2, 2);
        Assert.Throws<ArgumentException>(() => LanczosSvd.Compute(a, new LanczosSvdOptions { Rank = 1, Tolerance = 0 }));
        Assert.Throws<ArgumentException>(() => LanczosSvd.Compute(a, new LanczosSvdOptions { Rank = 1, Tolerance = double.NaN }));
    }

    [Fact]
    public void Restart_cap_returns_unconverged_result_instead_of_hanging()
    {
        var (r, c, v) = TestMatrices.RandomTriples(300, 300, 0.3, new Random(8));
        var a = CsrMatrix.FromTriples(r, c, v, 300, 300);
        var svd = LanczosSvd.Compute(a, new LanczosSvdOptions { Rank = 40, KrylovDimension = 45, Tolerance = 1e-12, MaxRestarts = 3 });
        Assert.False(svd.Converged, "a 1e-12 tolerance in float should not be reachable");
        Assert.Equal(3, svd.Restarts);
    }
}
