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
