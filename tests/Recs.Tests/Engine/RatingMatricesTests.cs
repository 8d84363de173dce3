using Recs.Engine.Training;
using Recs.Math;

namespace Recs.Tests.Engine;

public sealed class RatingMatricesTests
{
    // The reference: the same matrices built from rating triples, which sorts, transposes and centres on its own.
    private static CsrMatrix FromTriples(float[] values, bool centre)
    {
        var data = SyntheticModel.Data;
        var rows = new int[data.RatingCount];
        for (int u = 0; u < data.UserCount; u++)
            rows.AsSpan(data.UserOffsets[u], data.UserOffsets[u + 1] - data.UserOffsets[u]).Fill(u);
        return CsrMatrix.FromTriples(rows, data.UserFilms, values, data.UserCount, data.FilmCount, centre);
    }

    private static void AssertSameMatrix(CsrMatrix expected, CsrMatrix actual)
    {
        Assert.Equal(expected.RowPointers.ToArray(), actual.RowPointers.ToArray());
        Assert.Equal(expected.ColumnIndices.ToArray(), actual.ColumnIndices.ToArray());
        Assert.Equal(expected.Values.ToArray(), actual.Values.ToArray());
        Assert.Equal(expected.RowMeans.ToArray(), actual.RowMeans.ToArray());
        // Same entries in the same order, so the products agree to the bit, the transposed one included.
        var random = new Random(3);
        var x = Enumerable.Range(0, expected.Columns).Select(_ => (float)random.NextDouble()).ToArray();
        var xt = Enumerable.Range(0, expected.Rows).Select(_ => (float)random.NextDouble()).ToArray();
        var (y1, y2) = (new float[expected.Rows], new float[expected.Rows]);
        var (t1, t2) = (new float[expected.Columns], new float[expected.Columns]);
        expected.Multiply(x, y1);
        actual.Multiply(x, y2);
        expected.MultiplyTransposed(xt, t1);
        actual.MultiplyTransposed(xt, t2);
        Assert.Equal(y1, y2);
        Assert.Equal(t1, t2);
    }

    [Fact]
    public void The_centred_matrix_on_the_data_sets_own_indexes_equals_one_built_from_triples()
    {
        var data = SyntheticModel.Data;
        // Longer, dirty buffers, as a pool lends them.
        var values = Enumerable.Repeat(float.NaN, data.RatingCount + 5).ToArray();
        var transposed = Enumerable.Repeat(float.NaN, data.RatingCount + 5).ToArray();
        AssertSameMatrix(FromTriples(data.UserHalfStars.Select(h => h * 0.5f).ToArray(), centre: true), RatingMatrices.Centred(data, values, transposed));
    }

    [Fact]
    public void The_column_scaled_matrix_equals_one_built_from_scaled_triples()
    {
        var data = SyntheticModel.Data;
        var scales = Enumerable.Range(0, data.FilmCount).Select(f => 1f / (1 + f % 7)).ToArray();
        var scaled = data.UserHalfStars.Select((h, i) => h * 0.5f * scales[data.UserFilms[i]]).ToArray();
        var matrix = RatingMatrices.ColumnScaled(data, scales, new float[data.RatingCount], new float[data.RatingCount]);
        AssertSameMatrix(FromTriples(scaled, centre: false), matrix);
        Assert.Throws<ArgumentException>(() => RatingMatrices.ColumnScaled(data, scales, new float[data.RatingCount - 1], new float[data.RatingCount]));
        Assert.Throws<ArgumentException>(() => RatingMatrices.ColumnScaled(data, scales.AsSpan(1), new float[data.RatingCount], new float[data.RatingCount]));
    }
}
