namespace Recs.Math.Tests;

public sealed class RidgeCholeskyTests
{
    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 1.0)]
    [InlineData(7, 10.0)]
    [InlineData(20, 100.0)]
    [InlineData(50, 100.0)]
    [InlineData(63, 0.5)]
    public void Solution_matches_gaussian_elimination_on_co_occurrence_grams(int m, double lambda)
    {
        var random = new Random(m * 31 + (int)lambda);
        int size = m + 1, users = 400;
        // A Gram of random 0/1 columns (the last one the target), as co-rating counts are.
        var columns = new bool[size, users];
        for (int a = 0; a < size; a++)
        {
            double density = 0.05 + 0.5 * random.NextDouble();
            for (int u = 0; u < users; u++)
                columns[a, u] = random.NextDouble() < density;
        }
        var g = new double[size * size];
        for (int a = 0; a < size; a++)
        {
            for (int b = 0; b < size; b++)
            {
                int count = 0;
                for (int u = 0; u < users; u++)
                    count += columns[a, u] && columns[b, u] ? 1 : 0;
                g[a * size + b] = count;
            }
        }
        var expected = GaussianElimination(g, size, m, lambda);

        var result = new float[m];
        RidgeCholesky.Solve((double[])g.Clone(), size, m, lambda, result);

        double scale = expected.Max(System.Math.Abs) + 1e-9;
        for (int a = 0; a < m; a++)
            Assert.True(System.Math.Abs(result[a] - expected[a]) <= 1e-5 * scale, $"m {m}, λ {lambda}: x[{a}] = {result[a]}, elimination gives {expected[a]}");
    }

    [Fact]
    public void A_singular_block_without_penalty_gives_finite_weights()
    {
        // Two identical predictors: A is singular, and the clamped pivot must not turn into NaN or infinity.
        double[] g = [3, 3, 2, 3, 3, 2, 2, 2, 2];
        var result = new float[2];
        RidgeCholesky.Solve(g, 3, 2, 0, result);
        Assert.True(float.IsFinite(result[0]) && float.IsFinite(result[1]), $"weights {result[0]}, {result[1]}");
    }

    [Fact]
    public void Bad_shapes_and_negative_penalties_are_refused()
    {
        Assert.Throws<ArgumentException>(() => RidgeCholesky.Solve(new double[4], 2, 2, 1, new float[2]));
        Assert.Throws<ArgumentException>(() => RidgeCholesky.Solve(new double[3], 2, 1, 1, new float[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => RidgeCholesky.Solve(new double[4], 2, 1, -1, new float[1]));
    }

    // Independent reference: (A + λI) x = b by elimination with partial pivoting on a copy.
    private static double[] GaussianElimination(double[] g, int size, int m, double lambda)
    {
        var a = new double[m, m + 1];
        for (int r = 0; r < m; r++)
        {
            for (int c = 0; c < m; c++)
                a[r, c] = g[r * size + c] + (r == c ? lambda : 0);
            a[r, m] = g[r * size + m];
        }
        for (int col = 0; col < m; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < m; r++)
            {
                if (System.Math.Abs(a[r, col]) > System.Math.Abs(a[pivot, col]))
                    pivot = r;
            }
            for (int c = 0; c <= m; c++)
                (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            for (int r = col + 1; r < m; r++)
            {
                double f = a[r, col] / a[col, col];
                for (int c = col; c <= m; c++)
                    a[r, c] -= f * a[col, c];
            }
        }
        var x = new double[m];
        for (int r = m - 1; r >= 0; r--)
        {
            double sum = a[r, m];
            for (int c = r + 1; c < m; c++)
                sum -= a[r, c] * x[c];
            x[r] = sum / a[r, r];
        }
        return x;
    }
}
