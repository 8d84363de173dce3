namespace Recs.Math;

/// <summary>
/// Ridge regression on a Gram matrix: solves (A + λI) x = b by Cholesky, where A is the leading m×m block of a
/// row-major size×size matrix g (size ≥ m + 1) and b is column m of its first m rows — the layout of a Gram over
/// m predictors followed by their target, as item-neighbour regression builds it.
/// </summary>
public static class RidgeCholesky
{
    /// <summary>
    /// Writes x to result[..m]. Only g's lower triangle of the block and column m are read; both are overwritten.
    /// A pivot that falls below 1e-12 (λ = 0 on a singular block) is clamped there instead of failing. Throws
    /// ArgumentException when the spans are too short or m ≥ size, ArgumentOutOfRangeException for a negative λ.
    /// </summary>
    public static void Solve(Span<double> g, int size, int m, double lambda, Span<float> result)
    {
        if (m < 0 || m >= size || g.Length < size * size || result.Length < m)
            throw new ArgumentException($"Need 0 ≤ m < size, g of at least size² and result of at least m; got m {m}, size {size}, g {g.Length}, result {result.Length}.", nameof(g));
        ArgumentOutOfRangeException.ThrowIfNegative(lambda);
        for (int a = 0; a < m; a++)
            g[a * size + a] += lambda;
        Cholesky.FactorLower(g, m, size);
        // Forward then back substitution, the intermediate kept in column m.
        for (int a = 0; a < m; a++)
        {
            double sum = g[a * size + m];
            for (int c = 0; c < a; c++)
                sum -= g[a * size + c] * g[c * size + m];
            g[a * size + m] = sum / g[a * size + a];
        }
        for (int a = m - 1; a >= 0; a--)
        {
            double sum = g[a * size + m];
            for (int c = a + 1; c < m; c++)
                sum -= g[c * size + a] * g[c * size + m];
            g[a * size + m] = sum / g[a * size + a];
        }
        for (int a = 0; a < m; a++)
            result[a] = (float)g[a * size + m];
    }
}
