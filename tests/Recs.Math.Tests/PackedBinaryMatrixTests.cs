namespace Recs.Math.Tests;

public sealed class PackedBinaryMatrixTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(300)]
    [InlineData(1_000)]
    public void Common_counts_equal_a_brute_force_set_intersection(int columns)
    {
        var random = new Random(columns);
        const int rows = 30;
        var sets = new List<int[]>();
        var offsets = new int[rows + 1];
        for (int r = 0; r < rows; r++)
        {
            double density = random.NextDouble();
            var set = Enumerable.Range(0, columns).Where(_ => random.NextDouble() < density).ToArray();
            sets.Add(set);
            offsets[r + 1] = offsets[r] + set.Length;
        }
        var matrix = PackedBinaryMatrix.FromCompressedRows(offsets, sets.SelectMany(s => s).ToArray(), columns);
        var counts = new int[rows];
        for (int a = 0; a < rows; a++)
        {
            matrix.CountCommonWithEveryRow(a, counts);
            for (int b = 0; b < rows; b++)
            {
                int expected = sets[a].Intersect(sets[b]).Count();
                Assert.True(expected == matrix.CountCommon(a, b), $"rows {a}, {b} of {columns} columns: {matrix.CountCommon(a, b)} vs {expected}");
                Assert.Equal(expected, counts[b]);
                Assert.Equal(expected, matrix.CountCommonScalar(a, b));
            }
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(40, 63)]
    [InlineData(70, 65)]
    [InlineData(300, 130)]
    public void Packing_from_the_columns_lists_gives_the_rows_a_packing_of_the_transpose_gives(int rows, int columns)
    {
        var random = new Random(rows * 31 + columns);
        // Column c lists its rows, e.g. a person's films for a films × people matrix.
        var byColumn = Enumerable.Range(0, columns)
            .Select(_ => Enumerable.Range(0, rows).Where(_ => random.NextDouble() < 0.3).ToArray()).ToArray();
        var columnOffsets = new int[columns + 1];
        for (int c = 0; c < columns; c++)
            columnOffsets[c + 1] = columnOffsets[c] + byColumn[c].Length;
        var byRow = Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, columns).Where(c => byColumn[c].Contains(r)).ToArray()).ToArray();
        var rowOffsets = new int[rows + 1];
        for (int r = 0; r < rows; r++)
            rowOffsets[r + 1] = rowOffsets[r] + byRow[r].Length;

        using var pool = new ScratchPool();
        // A dirty block from the pool must come back cleared.
        var dirty = pool.Rent<ulong>(rows * ((columns + 63) / 64));
        dirty.Span.Fill(ulong.MaxValue);
        pool.Return(dirty);
        var packed = PackedBinaryMatrix.FromCompressedColumns(columnOffsets, byColumn.SelectMany(x => x).ToArray(), rows, pool);
        var expected = PackedBinaryMatrix.FromCompressedRows(rowOffsets, byRow.SelectMany(x => x).ToArray(), columns);

        Assert.Equal((rows, columns), (packed.Rows, packed.Columns));
        for (int a = 0; a < rows; a++)
        {
            for (int b = a; b < rows; b++)
                Assert.True(expected.CountCommon(a, b) == packed.CountCommon(a, b), $"rows {a}, {b}: {packed.CountCommon(a, b)} vs {expected.CountCommon(a, b)}");
        }
    }

    [Fact]
    public void Bad_column_lists_are_rejected_with_a_message()
    {
        var outside = Assert.Throws<ArgumentException>(() => PackedBinaryMatrix.FromCompressedColumns([0, 2], [1, 5], 5));
        Assert.Contains("outside", outside.Message);
        var offsets = Assert.Throws<ArgumentException>(() => PackedBinaryMatrix.FromCompressedColumns([0, 3], [1, 2], 5));
        Assert.Contains("Offsets", offsets.Message);
        var empty = Assert.Throws<ArgumentException>(() => PackedBinaryMatrix.FromCompressedColumns([0, 1], [0], 0));
        Assert.Contains("at least one row", empty.Message);
    }

    [Fact]
    public void Bad_patterns_are_rejected_with_a_message()
    {
        var outside = Assert.Throws<ArgumentException>(() => PackedBinaryMatrix.FromCompressedRows([0, 2], [1, 5], 5));
        Assert.Contains("outside", outside.Message);
        var offsets = Assert.Throws<ArgumentException>(() => PackedBinaryMatrix.FromCompressedRows([0, 3], [1, 2], 5));
        Assert.Contains("Offsets", offsets.Message);
        var empty = Assert.Throws<ArgumentException>(() => PackedBinaryMatrix.FromCompressedRows([0], [], 5));
        Assert.Contains("at least one row", empty.Message);
        var matrix = PackedBinaryMatrix.FromCompressedRows([0, 1], [0], 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.CountCommon(0, 1));
    }
}
