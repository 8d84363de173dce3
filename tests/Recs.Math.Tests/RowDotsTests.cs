namespace Recs.Math.Tests;

/// <summary><see cref="RowDots"/> against its scalar twin and a double-precision reference, over every block and tail.</summary>
public sealed class RowDotsTests
{
    [Fact]
    public void Row_dots_match_a_double_precision_reference_for_every_width_up_to_70_and_row_count_up_to_9()
    {
        var random = new Random(11);
        for (int columns = 0; columns <= 70; columns++)
        {
            for (int count = 0; count <= 9; count++)
            {
                var rows = Enumerable.Range(0, count * columns).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
                var vector = Enumerable.Range(0, columns).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
                var fast = new float[count];
                var scalar = new float[count];
                RowDots.Compute(rows, columns, vector, fast);
                RowDots.ComputeScalar(rows, columns, vector, scalar);
                for (int r = 0; r < count; r++)
                {
                    double exact = 0, magnitude = 0;
                    for (int c = 0; c < columns; c++)
                    {
                        exact += (double)rows[r * columns + c] * vector[c];
                        magnitude += System.Math.Abs((double)rows[r * columns + c] * vector[c]);
                    }
                    // Float sums in any order stay within a few ulps of the magnitude of the terms.
                    double tolerance = 1e-6 * (magnitude + 1);
                    Assert.True(System.Math.Abs(fast[r] - exact) <= tolerance,
                        $"{count} rows × {columns} columns, row {r}: {fast[r]} vs exact {exact}");
                    Assert.True(System.Math.Abs(scalar[r] - exact) <= tolerance,
                        $"{count} rows × {columns} columns, row {r}: scalar {scalar[r]} vs exact {exact}");
                }
            }
        }
    }

    [Fact]
    public void Row_dots_read_only_the_rows_asked_for()
    {
        // Rows past output.Length may be anything, even NaN: they are not part of the product.
        var rows = new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN };
        var output = new float[1];
        RowDots.Compute(rows, 9, [1, 1, 1, 1, 1, 1, 1, 1, 1], output);
        Assert.Equal(45f, output[0]);
    }

    [Fact]
    public void Row_dots_reject_a_vector_or_matrix_of_the_wrong_size()
    {
        var vectorError = Assert.Throws<ArgumentException>(() => RowDots.Compute(new float[16], 8, new float[7], new float[2]));
        Assert.Contains("vector", vectorError.Message);
        var rowsError = Assert.Throws<ArgumentException>(() => RowDots.Compute(new float[15], 8, new float[8], new float[2]));
        Assert.Contains("rows", rowsError.Message);
    }
}
