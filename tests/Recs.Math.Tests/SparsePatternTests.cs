namespace Recs.Math.Tests;

public sealed class SparsePatternTests
{
    // Row-major triples (RandomTriples emits them in that order) as compressed rows.
    private static (int[] Pointers, int[] Columns) Rows(int[] r, int[] c, int rows)
    {
        var pointers = new int[rows + 1];
        foreach (int i in r)
            pointers[i + 1]++;
        for (int i = 0; i < rows; i++)
            pointers[i + 1] += pointers[i];
        return (pointers, (int[])c.Clone());
    }

    private static (int[] Pointers, int[] RowIndices) Columns(int[] r, int[] c, int columns)
    {
        var entries = Enumerable.Range(0, r.Length).OrderBy(i => c[i]).ThenBy(i => r[i]).ToArray();
        var pointers = new int[columns + 1];
        foreach (int j in c)
            pointers[j + 1]++;
        for (int j = 0; j < columns; j++)
            pointers[j + 1] += pointers[j];
        return (pointers, entries.Select(i => r[i]).ToArray());
    }

    private static void AssertProductsMatch(CsrMatrix a, int[] r, int[] c, float[] v, Random random)
    {
        var dense = new double[a.Rows, a.Columns];
        for (int i = 0; i < r.Length; i++)
            dense[r[i], c[i]] = v[i];
        var x = Enumerable.Range(0, a.Columns).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var y = new float[a.Rows];
        a.Multiply(x, y);
        for (int i = 0; i < a.Rows; i++)
        {
            double expected = Enumerable.Range(0, a.Columns).Sum(j => dense[i, j] * x[j]);
            Assert.True(System.Math.Abs(expected - y[i]) <= 1e-4 * (1 + System.Math.Abs(expected)), $"(A·x)[{i}] = {y[i]}, expected {expected}.");
        }
        var xt = Enumerable.Range(0, a.Rows).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var yt = new float[a.Columns];
        a.MultiplyTransposed(xt, yt);
        for (int j = 0; j < a.Columns; j++)
        {
            double expected = Enumerable.Range(0, a.Rows).Sum(i => dense[i, j] * xt[i]);
            Assert.True(System.Math.Abs(expected - yt[j]) <= 1e-4 * (1 + System.Math.Abs(expected)), $"(Aᵀ·x)[{j}] = {yt[j]}, expected {expected}.");
        }
    }

    [Fact]
    public void A_returned_column_order_goes_back_to_its_pool_and_fails_loudly_if_read_again()
    {
        var (r, c, _) = TestMatrices.RandomTriples(50, 40, 0.3, new Random(5));
        var (pointers, indices) = Rows(r, c, 50);
        using var pool = new ScratchPool();
        var pattern = SparsePattern.FromRows(50, 40, pointers, indices, pool);
        Assert.Equal(0, pool.RetainedBytes);
        int[] firstColumn = pattern.RowsInColumn(0).ToArray();
        Assert.Equal(Enumerable.Range(0, r.Length).Where(i => c[i] == 0).Select(i => r[i]).Order(), firstColumn);

        pattern.ReturnColumnOrder(pool);

        Assert.True(pool.RetainedBytes >= 4L * r.Length, $"the pool holds {pool.RetainedBytes} bytes, not the column order's {4 * r.Length}");
        Assert.Throws<ObjectDisposedException>(() => pattern.RowsInColumn(0).Length);
        Assert.Equal(pointers[1] - pointers[0], pattern.ColumnsInRow(0).Length);
        using var other = new ScratchPool();
        Assert.Throws<ArgumentException>(() => SparsePattern.FromRows(50, 40, pointers, indices, pool).ReturnColumnOrder(other));
    }

    [Theory]
    [InlineData(37, 23, 0.3)]
    [InlineData(400, 300, 0.5)] // past the parallel threshold
    public void Matrices_sharing_a_pattern_multiply_like_their_dense_matrices(int rows, int columns, double density)
    {
        var random = new Random(rows + columns);
        var (r, c, v) = TestMatrices.RandomTriples(rows, columns, density, random);
        var (pointers, indices) = Rows(r, c, rows);
        var pattern = SparsePattern.FromRows(rows, columns, pointers, indices);
        Assert.Equal(r.Length, pattern.NonZeroCount);

        // Pooled buffers are often longer than the pattern: the tail must never be read.
        var first = new float[r.Length + 9];
        var firstTransposed = new float[r.Length + 9];
        Array.Fill(first, float.NaN);
        Array.Fill(firstTransposed, float.NaN);
        v.CopyTo(first, 0);
        var second = v.Select(x => 3 * x - 1).ToArray();
        var a = CsrMatrix.FromPattern(pattern, first, firstTransposed);
        var b = CsrMatrix.FromPattern(pattern, second, new float[r.Length]);

        AssertProductsMatch(a, r, c, v, random);
        AssertProductsMatch(b, r, c, second, random);
        Assert.Equal(r.Length, a.Values.Length);
    }

    [Fact]
    public void The_column_order_built_from_the_rows_equals_a_sort_by_column_then_row()
    {
        var random = new Random(5);
        var (r, c, v) = TestMatrices.RandomTriples(30, 20, 0.4, random);
        var (rowPointers, columnIndices) = Rows(r, c, 30);
        var pattern = SparsePattern.FromRows(30, 20, rowPointers, columnIndices);
        var (columnPointers, rowIndices) = Columns(r, c, 20);
        Assert.Equal(columnPointers, pattern.ColumnPointers);
        Assert.Equal(rowIndices, pattern.RowIndices.ToArray());

        // Values follow their entries: the value at (row, column) sits where that entry sits in column order.
        var transposed = new float[v.Length];
        pattern.ToColumnOrder(v, transposed);
        var expected = Enumerable.Range(0, r.Length).OrderBy(i => c[i]).ThenBy(i => r[i]).Select(i => v[i]).ToArray();
        Assert.Equal(expected, transposed);
        Assert.Throws<ArgumentException>(() => pattern.ToColumnOrder(v.AsSpan(1), transposed));
    }

    [Fact]
    public void A_rows_columns_and_a_columns_rows_are_its_entries_in_ascending_order()
    {
        var (r, c, _) = TestMatrices.RandomTriples(25, 18, 0.3, new Random(8));
        var (rowPointers, columnIndices) = Rows(r, c, 25);
        var pattern = SparsePattern.FromRows(25, 18, rowPointers, columnIndices);
        for (int row = 0; row < 25; row++)
        {
            var expected = Enumerable.Range(0, r.Length).Where(i => r[i] == row).Select(i => c[i]).Order().ToArray();
            Assert.Equal(expected, pattern.ColumnsInRow(row).ToArray());
        }
        for (int column = 0; column < 18; column++)
        {
            var expected = Enumerable.Range(0, r.Length).Where(i => c[i] == column).Select(i => r[i]).Order().ToArray();
            Assert.Equal(expected, pattern.RowsInColumn(column).ToArray());
        }
    }

    [Fact]
    public void Malformed_rows_are_refused()
    {
        // Columns not ascending within row 0.
        Assert.Throws<ArgumentException>(() => SparsePattern.FromRows(2, 3, [0, 2, 2], [2, 1]));
        // A repeated column.
        Assert.Throws<ArgumentException>(() => SparsePattern.FromRows(2, 3, [0, 2, 2], [1, 1]));
        // A column out of range, a negative one.
        Assert.Throws<ArgumentException>(() => SparsePattern.FromRows(1, 3, [0, 1], [3]));
        Assert.Throws<ArgumentException>(() => SparsePattern.FromRows(1, 3, [0, 1], [-1]));
        // Pointers that decrease, that do not end at the entry count, of the wrong length.
        Assert.Throws<ArgumentException>(() => SparsePattern.FromRows(2, 3, [0, 2, 1], [0, 1]));
        Assert.Throws<ArgumentException>(() => SparsePattern.FromRows(2, 3, [0, 1, 1], [0, 1]));
        Assert.Throws<ArgumentException>(() => SparsePattern.FromRows(2, 3, [0, 2], [0, 1]));
    }

    [Fact]
    public void Short_or_non_finite_values_are_refused()
    {
        var pattern = SparsePattern.FromRows(2, 2, [0, 1, 2], [0, 1]);
        Assert.Throws<ArgumentException>(() => CsrMatrix.FromPattern(pattern, new float[] { 1f }, new float[2]));
        Assert.Throws<ArgumentException>(() => CsrMatrix.FromPattern(pattern, new float[] { 1f, 2f }, new float[1]));
        Assert.Throws<ArgumentException>(() => CsrMatrix.FromPattern(pattern, new float[] { 1f, float.NaN }, new float[2]));
        Assert.Throws<ArgumentException>(() => CsrMatrix.FromPattern(pattern, new float[] { 1f, 2f }, new float[2], rowMeans: [0f]));
    }

    [Fact]
    public void Explicit_zeros_change_no_product()
    {
        // What a validation split relies on: a held-out entry stored as zero is the same matrix as one without it.
        var random = new Random(11);
        var (r, c, v) = TestMatrices.RandomTriples(120, 90, 0.3, random);
        var zeroed = v.Select((x, i) => i % 4 == 1 ? 0f : x).ToArray();
        var (pointers, indices) = Rows(r, c, 120);
        var withZeros = CsrMatrix.FromPattern(SparsePattern.FromRows(120, 90, pointers, indices), zeroed, new float[v.Length]);
        var keep = Enumerable.Range(0, r.Length).Where(i => i % 4 != 1).ToArray();
        var without = CsrMatrix.FromTriples(keep.Select(i => r[i]).ToArray(), keep.Select(i => c[i]).ToArray(), keep.Select(i => v[i]).ToArray(), 120, 90);
        Assert.True(withZeros.NonZeroCount > without.NonZeroCount, "the zeros must be stored for this test to mean anything");

        var x = Enumerable.Range(0, 90).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var (y1, y2) = (new float[120], new float[120]);
        withZeros.Multiply(x, y1);
        without.Multiply(x, y2);
        for (int i = 0; i < 120; i++)
            Assert.True(System.Math.Abs(y1[i] - y2[i]) <= 1e-5f * (1 + System.Math.Abs(y2[i])), $"(A·x)[{i}]: {y1[i]} with zeros, {y2[i]} without.");
        var xt = Enumerable.Range(0, 120).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var (t1, t2) = (new float[90], new float[90]);
        withZeros.MultiplyTransposed(xt, t1);
        without.MultiplyTransposed(xt, t2);
        for (int j = 0; j < 90; j++)
            Assert.True(System.Math.Abs(t1[j] - t2[j]) <= 1e-5f * (1 + System.Math.Abs(t2[j])), $"(Aᵀ·x)[{j}]: {t1[j]} with zeros, {t2[j]} without.");
    }
}
