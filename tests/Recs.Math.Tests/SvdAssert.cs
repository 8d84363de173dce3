using MathNet.Numerics.LinearAlgebra;

namespace Recs.Math.Tests;

/// <summary>Comparisons of computed singular triplets against a reference.</summary>
public static class SvdAssert
{
    public static void ValuesClose(IReadOnlyList<double> expected, float[] actual, int count, double relative)
    {
        for (int i = 0; i < count; i++)
        {
            // Values far below σ₁ are only meaningful to float precision relative to σ₁.
            double error = System.Math.Abs(actual[i] - expected[i]) / System.Math.Max(expected[i], 1e-4 * expected[0]);
            Assert.True(error <= relative,
                $"σ[{i}] = {actual[i]:G9}, reference {expected[i]:G9}: relative error {error:E2} exceeds {relative:E1}.");
        }
    }

    public static void Orthonormal(float[] rowMajor, int rows, int rank, double tolerance, string name)
    {
        var m = TestMatrices.FromRowMajor(rowMajor, rows, rank);
        var gram = m.TransposeThisAndMultiply(m);
        double worst = (gram - Matrix<double>.Build.DenseIdentity(rank)).Enumerate().Max(System.Math.Abs);
        Assert.True(worst <= tolerance, $"{name}ᵀ{name} deviates from the identity by {worst:E2} (allowed {tolerance:E1}).");
    }

    /// <summary>
    /// For every leading dimension j whose relative gap (σⱼ − σⱼ₊₁)/σⱼ is at least minGap, the smallest cosine of
    /// the principal angles between the computed and reference j-dimensional subspaces must be at least minCosine.
    /// </summary>
    public static void SubspacesAligned(Matrix<double> reference, Matrix<double> actual, IReadOnlyList<double> sigma, int rank,
        double minGap, double minCosine, string name)
    {
        int checkedDims = 0;
        for (int j = 1; j <= rank; j++)
        {
            // Without a following value the gap is unknown, and vectors of (near-)zero values are arbitrary.
            if (j >= sigma.Count || sigma[j - 1] < 1e-4 * sigma[0] || (sigma[j - 1] - sigma[j]) / sigma[j - 1] < minGap)
                continue;
            var overlap = reference.SubMatrix(0, reference.RowCount, 0, j).TransposeThisAndMultiply(actual.SubMatrix(0, actual.RowCount, 0, j));
            double smallest = overlap.Svd(computeVectors: false).S.Minimum();
            Assert.True(smallest >= minCosine,
                $"{name}: leading {j}-dimensional subspace has principal-angle cosine {smallest:F6} < {minCosine} against the reference.");
            checkedDims++;
        }
        Assert.True(checkedDims > 0, $"{name}: no subspace dimension had a relative gap ≥ {minGap}; the check proved nothing.");
    }
}
