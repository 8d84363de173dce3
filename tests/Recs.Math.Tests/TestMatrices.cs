using MathNet.Numerics.LinearAlgebra;

namespace Recs.Math.Tests;

/// <summary>Seeded random matrices and dense views used as references.</summary>
public static class TestMatrices
{
    public static (int[] Rows, int[] Cols, float[] Values) RandomTriples(int rows, int cols, double density, Random random)
    {
        var r = new List<int>();
        var c = new List<int>();
        var v = new List<float>();
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                if (random.NextDouble() < density)
                {
                    r.Add(i);
                    c.Add(j);
                    v.Add((float)(random.NextDouble() * 2 - 1));
                }
            }
        }
        return (r.ToArray(), c.ToArray(), v.ToArray());
    }

    public static double[,] Dense(CsrMatrix a)
    {
        var dense = new double[a.Rows, a.Columns];
        for (int r = 0; r < a.Rows; r++)
            for (int p = a.RowPointers[r]; p < a.RowPointers[r + 1]; p++)
                dense[r, a.ColumnIndices[p]] = a.Values[p];
        return dense;
    }

    public static CsrMatrix FromDense(Matrix<double> m)
    {
        var r = new List<int>();
        var c = new List<int>();
        var v = new List<float>();
        for (int i = 0; i < m.RowCount; i++)
            for (int j = 0; j < m.ColumnCount; j++)
                if (m[i, j] != 0)
                {
                    r.Add(i);
                    c.Add(j);
                    v.Add((float)m[i, j]);
                }
        return CsrMatrix.FromTriples(r.ToArray(), c.ToArray(), v.ToArray(), m.RowCount, m.ColumnCount);
    }

    /// <summary>Random matrix with orthonormal columns (Q of a Gaussian matrix's QR).</summary>
    public static Matrix<double> RandomOrthonormal(int rows, int cols, Random random)
    {
        var g = Matrix<double>.Build.Dense(rows, cols, (_, _) => Gaussian(random));
        return g.QR().Q.SubMatrix(0, rows, 0, cols);
    }

    public static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return System.Math.Sqrt(-2.0 * System.Math.Log(u1)) * System.Math.Cos(2 * System.Math.PI * u2);
    }

    /// <summary>Column i of a row-major rows×rank buffer as a double vector.</summary>
    public static Matrix<double> FromRowMajor(float[] data, int rows, int rank) =>
        Matrix<double>.Build.Dense(rows, rank, (r, i) => data[r * rank + i]);
}
