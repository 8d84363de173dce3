namespace Recs.Tests.Engine.Evaluation;

/// <summary>Classical Jacobi eigen-decomposition of a small dense symmetric matrix: a slow, independent reference.</summary>
internal static class DenseEigen
{
    /// <summary>Eigenvectors of symmetric <paramref name="a"/> (n×n), as columns of the returned matrix, ordered by eigenvalue descending.</summary>
    public static double[,] Vectors(double[,] a)
    {
        int n = a.GetLength(0);
        var m = (double[,])a.Clone();
        var v = new double[n, n];
        for (int i = 0; i < n; i++)
            v[i, i] = 1;
        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (int p = 0; p < n; p++)
                for (int q = p + 1; q < n; q++)
                    off += m[p, q] * m[p, q];
            if (off < 1e-22)
                break;
            for (int p = 0; p < n; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    if (System.Math.Abs(m[p, q]) < 1e-300)
                        continue;
                    double theta = (m[q, q] - m[p, p]) / (2 * m[p, q]);
                    double t = System.Math.Sign(theta == 0 ? 1 : theta) / (System.Math.Abs(theta) + System.Math.Sqrt(theta * theta + 1));
                    double c = 1 / System.Math.Sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        double mkp = m[k, p], mkq = m[k, q];
                        m[k, p] = c * mkp - s * mkq;
                        m[k, q] = s * mkp + c * mkq;
                    }
                    for (int k = 0; k < n; k++)
                    {
                        double mpk = m[p, k], mqk = m[q, k];
                        m[p, k] = c * mpk - s * mqk;
                        m[q, k] = s * mpk + c * mqk;
                    }
                    for (int k = 0; k < n; k++)
                    {
                        double vkp = v[k, p], vkq = v[k, q];
                        v[k, p] = c * vkp - s * vkq;
                        v[k, q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        var order = Enumerable.Range(0, n).OrderByDescending(i => m[i, i]).ToArray();
        var sorted = new double[n, n];
        for (int c = 0; c < n; c++)
            for (int k = 0; k < n; k++)
                sorted[k, c] = v[k, order[c]];
        return sorted;
    }
}
