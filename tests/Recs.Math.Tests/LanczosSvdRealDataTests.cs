using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using Xunit.Abstractions;

namespace Recs.Math.Tests;

public sealed class LanczosSvdRealDataTests(ITestOutputHelper output)
{
    [RealDataFact(RealData.MovieLensRatings)]
    public void MovieLens_centred_matches_eigen_decomposition_of_gram_matrix()
    {
        var a = RealData.LoadMovieLens(centre: true);
        Assert.Equal((610, 9724), (a.Rows, a.Columns));
        const int rank = 64;

        var clock = Stopwatch.StartNew();
        var svd = LanczosSvd.Compute(a, new LanczosSvdOptions { Rank = rank });
        output.WriteLine($"Lanczos k={rank}: {clock.ElapsedMilliseconds} ms, {svd.Restarts} restarts, {svd.MatrixVectorProducts} products");
        Assert.True(svd.Converged, "did not converge");

        clock.Restart();
        var gram = Gram(a);
        var evd = gram.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        output.WriteLine($"Reference Gram + eigen: {clock.ElapsedMilliseconds} ms");
        // Eigenvalues come ascending; σ = √λ descending with matching eigenvectors as U.
        var order = Enumerable.Range(0, a.Rows).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        var sigma = order.Select(i => System.Math.Sqrt(System.Math.Max(evd.EigenValues[i].Real, 0))).ToArray();
        var u = Matrix<double>.Build.Dense(a.Rows, rank, (r, i) => evd.EigenVectors[r, order[i]]);

        SvdAssert.ValuesClose(sigma, svd.SingularValues, rank, 1e-3);
        SvdAssert.Orthonormal(svd.U, a.Rows, rank, 1e-4, "U");
        SvdAssert.Orthonormal(svd.V, a.Columns, rank, 1e-4, "V");
        SvdAssert.SubspacesAligned(u, TestMatrices.FromRowMajor(svd.U, a.Rows, rank), sigma, rank, 0.01, 0.999, "U");
    }

    [RealDataFact(RealData.LetterboxdRatings)]
    public void Letterboxd_centred_rank_64_converges_and_matches_double_subspace_iteration()
    {
        var a = RealData.LoadLetterboxd(centre: true);
        Assert.Equal((4375, 7472, 1_039_665), (a.Rows, a.Columns, a.NonZeroCount));
        const int rank = 64;
        var options = new LanczosSvdOptions { Rank = rank };
        var clock = Stopwatch.StartNew();
        var svd = LanczosSvd.Compute(a, options);
        long elapsed = clock.ElapsedMilliseconds;
        output.WriteLine($"Lanczos k={rank}: {elapsed} ms, {svd.Restarts} restarts, {svd.MatrixVectorProducts} products, σ₁={svd.SingularValues[0]}, σ₆₄={svd.SingularValues[rank - 1]}");
        Assert.True(svd.Converged, "did not converge");
        // Its speed is measured by LanczosBenchmarks (docs/PERFORMANCE.md), not asserted here: a shared machine makes timings noise.
        SvdAssert.Orthonormal(svd.U, a.Rows, rank, 1e-4, "U");
        SvdAssert.Orthonormal(svd.V, a.Columns, rank, 1e-4, "V");
        AssertResidualsSmall(a, svd, 1e-4);

        clock.Restart();
        const int checkedRank = 16;
        var (sigma, v) = SubspaceIteration(a, block: 48, iterations: 25, seed: 3);
        output.WriteLine($"Reference subspace iteration: {clock.ElapsedMilliseconds} ms");
        SvdAssert.ValuesClose(sigma, svd.SingularValues, checkedRank, 1e-3);
        SvdAssert.SubspacesAligned(v.SubMatrix(0, a.Columns, 0, checkedRank), TestMatrices.FromRowMajor(svd.V, a.Columns, rank).SubMatrix(0, a.Columns, 0, checkedRank),
            sigma, checkedRank, 0.01, 0.999, "V");
    }

    // ‖A·vᵢ − σᵢuᵢ‖ and ‖Aᵀuᵢ − σᵢvᵢ‖ in double, relative to σ₁.
    private static void AssertResidualsSmall(CsrMatrix a, TruncatedSvd svd, double tolerance)
    {
        int k = svd.Rank;
        for (int i = 0; i < k; i++)
        {
            double forward = 0;
            for (int r = 0; r < a.Rows; r++)
            {
                double sum = 0;
                for (int p = a.RowPointers[r]; p < a.RowPointers[r + 1]; p++)
                    sum += a.Values[p] * (double)svd.V[a.ColumnIndices[p] * k + i];
                double diff = sum - svd.SingularValues[i] * (double)svd.U[r * k + i];
                forward += diff * diff;
            }
            var back = new double[a.Columns];
            for (int r = 0; r < a.Rows; r++)
                for (int p = a.RowPointers[r]; p < a.RowPointers[r + 1]; p++)
                    back[a.ColumnIndices[p]] += a.Values[p] * (double)svd.U[r * k + i];
            double backward = 0;
            for (int c = 0; c < a.Columns; c++)
            {
                double diff = back[c] - svd.SingularValues[i] * (double)svd.V[c * k + i];
                backward += diff * diff;
            }
            double worst = System.Math.Sqrt(System.Math.Max(forward, backward)) / svd.SingularValues[0];
            Assert.True(worst <= tolerance, $"triplet {i}: residual {worst:E2}·σ₁ exceeds {tolerance:E1}");
        }
    }

    private static Matrix<double> Gram(CsrMatrix a)
    {
        var gram = Matrix<double>.Build.Dense(a.Rows, a.Rows);
        var dense = new double[a.Columns];
        for (int i = 0; i < a.Rows; i++)
        {
            Array.Clear(dense);
            for (int p = a.RowPointers[i]; p < a.RowPointers[i + 1]; p++)
                dense[a.ColumnIndices[p]] = a.Values[p];
            for (int j = 0; j <= i; j++)
            {
                double sum = 0;
                for (int p = a.RowPointers[j]; p < a.RowPointers[j + 1]; p++)
                    sum += a.Values[p] * dense[a.ColumnIndices[p]];
                gram[i, j] = sum;
                gram[j, i] = sum;
            }
        }
        return gram;
    }

    // Block power iteration on AᵀA in double with a final Rayleigh–Ritz step: slow but independent of Lanczos.
    private static (double[] Sigma, Matrix<double> V) SubspaceIteration(CsrMatrix a, int block, int iterations, int seed)
    {
        var random = new Random(seed);
        var q = Matrix<double>.Build.Dense(a.Columns, block, (_, _) => TestMatrices.Gaussian(random)).QR().Q.SubMatrix(0, a.Columns, 0, block);
        for (int it = 0; it < iterations; it++)
        {
            var y = Times(a, q);
            var z = TransposeTimes(a, y);
            q = z.QR().Q.SubMatrix(0, a.Columns, 0, block);
        }
        var projected = Times(a, q).Svd(computeVectors: true);
        return (projected.S.ToArray(), q * projected.VT.Transpose());
    }

    private static Matrix<double> Times(CsrMatrix a, Matrix<double> x)
    {
        var y = Matrix<double>.Build.Dense(a.Rows, x.ColumnCount);
        var xs = x.ToColumnArrays();
        for (int c = 0; c < x.ColumnCount; c++)
        {
            var column = xs[c];
            for (int r = 0; r < a.Rows; r++)
            {
                double sum = 0;
                for (int p = a.RowPointers[r]; p < a.RowPointers[r + 1]; p++)
                    sum += a.Values[p] * column[a.ColumnIndices[p]];
                y[r, c] = sum;
            }
        }
        return y;
    }

    private static Matrix<double> TransposeTimes(CsrMatrix a, Matrix<double> x)
    {
        var result = new double[x.ColumnCount][];
        var xs = x.ToColumnArrays();
        for (int c = 0; c < x.ColumnCount; c++)
        {
            var column = xs[c];
            var target = result[c] = new double[a.Columns];
            for (int r = 0; r < a.Rows; r++)
                for (int p = a.RowPointers[r]; p < a.RowPointers[r + 1]; p++)
                    target[a.ColumnIndices[p]] += a.Values[p] * column[r];
        }
        return Matrix<double>.Build.DenseOfColumnArrays(result);
    }
}
