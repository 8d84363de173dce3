using Recs.Engine.Training;
using Recs.Math;

namespace Recs.Tests.Engine;

public sealed class RatingMatricesTests
{
    // The reference: float matrices built from rating triples, which sorts, transposes and centres on its own.
    private static CsrMatrix FromTriples(float[] values, bool centre)
    {
        var data = SyntheticModel.Data;
        var rows = new int[data.RatingCount];
        for (int u = 0; u < data.UserCount; u++)
            rows.AsSpan(data.UserOffsets[u], data.UserOffsets[u + 1] - data.UserOffsets[u]).Fill(u);
        return CsrMatrix.FromTriples(rows, data.UserFilms, values, data.UserCount, data.FilmCount, centre);
    }

    private static (float[] Y, float[] T, float[] YExpected, float[] TExpected) Products(CsrMatrix expected, CodedSparseMatrix actual)
    {
        Assert.Equal(expected.RowPointers.ToArray(), actual.RowPointers.ToArray());
        Assert.Equal(expected.ColumnIndices.ToArray(), actual.ColumnIndices.ToArray());
        var values = Enumerable.Range(0, actual.Rows)
            .SelectMany(r => Enumerable.Range(actual.RowPointers[r], actual.RowPointers[r + 1] - actual.RowPointers[r]).Select(p => actual.ValueAt(r, p)))
            .ToArray();
        Assert.Equal(expected.Values.ToArray(), values);
        var random = new Random(3);
        var x = Enumerable.Range(0, expected.Columns).Select(_ => (float)random.NextDouble()).ToArray();
        var xt = Enumerable.Range(0, expected.Rows).Select(_ => (float)random.NextDouble()).ToArray();
        var (y, yExpected) = (new float[expected.Rows], new float[expected.Rows]);
        var (t, tExpected) = (new float[expected.Columns], new float[expected.Columns]);
        expected.Multiply(x, yExpected);
        actual.Multiply(x, y);
        expected.MultiplyTransposed(xt, tExpected);
        actual.MultiplyTransposed(xt, t);
        return (y, t, yExpected, tExpected);
    }

    [Fact]
    public void The_centred_matrix_holds_the_very_floats_of_one_built_from_triples()
    {
        var data = SyntheticModel.Data;
        var expected = FromTriples(data.UserHalfStars.Select(h => h * 0.5f).ToArray(), centre: true);
        Assert.Equal(expected.RowMeans.ToArray(), data.UserMeans);
        // Each entry is the very float the stored copy holds (Products checks them all); the sums may fuse differently.
        AssertClose(Products(expected, RatingMatrices.Centred(data)));
        // Derived from a column-scaled matrix of the same ratings, whose pattern it shares.
        var scaled = RatingMatrices.ColumnScaled(data, Enumerable.Repeat(0.5f, data.FilmCount).ToArray());
        AssertClose(Products(expected, RatingMatrices.Centred(data, scaled)));
    }

    private static void AssertClose((float[] Y, float[] T, float[] YExpected, float[] TExpected) products)
    {
        var (y, t, yExpected, tExpected) = products;
        for (int i = 0; i < y.Length; i++)
            Assert.True(System.Math.Abs(y[i] - yExpected[i]) <= 1e-5f * (1 + System.Math.Abs(yExpected[i])), $"(A·x)[{i}] = {y[i]}, expected {yExpected[i]}");
        for (int i = 0; i < t.Length; i++)
            Assert.True(System.Math.Abs(t[i] - tExpected[i]) <= 1e-5f * (1 + System.Math.Abs(tExpected[i])), $"(Aᵀ·x)[{i}] = {t[i]}, expected {tExpected[i]}");
    }

    [Fact]
    public void The_column_scaled_matrix_equals_one_built_from_scaled_triples()
    {
        var data = SyntheticModel.Data;
        var scales = Enumerable.Range(0, data.FilmCount).Select(f => 1f / (1 + f % 7)).ToArray();
        var scaled = data.UserHalfStars.Select((h, i) => h * 0.5f * scales[data.UserFilms[i]]).ToArray();
        // The scale multiplies x (or the column's sum) instead of each entry: one rounding apart per entry.
        AssertClose(Products(FromTriples(scaled, centre: false), RatingMatrices.ColumnScaled(data, scales)));
        Assert.Throws<ArgumentException>(() => RatingMatrices.ColumnScaled(data, scales[1..]));
    }
}
