namespace Recs.Math.Tests;

public sealed class PackedTileProductTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(128)]
    [InlineData(129)]
    public void Vector_tile_matches_the_scalar_twin(int kc)
    {
        var random = new Random(kc + 11);
        var a = Enumerable.Range(0, kc * PackedTileProduct.TileRows).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var b = Enumerable.Range(0, kc * PackedTileProduct.TileColumns).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var scalar = new double[PackedTileProduct.TileRows * PackedTileProduct.TileColumns];
        var vector = new double[scalar.Length];

        PackedTileProduct.ProductScalar(a, b, kc, scalar);
        PackedTileProduct.ProductVector(a, b, kc, vector);

        for (int i = 0; i < scalar.Length; i++)
            Assert.True(System.Math.Abs(scalar[i] - vector[i]) <= 1e-12 * (1 + kc), $"kc {kc}: entry {i} is {vector[i]} by vectors, {scalar[i]} by the scalar twin");
    }

    [Fact]
    public void Lower_only_products_leave_the_upper_triangle_alone()
    {
        const int n = 21, kc = 5, stride = n + kc;
        var random = new Random(3);
        var a = Enumerable.Range(0, n * stride).Select(_ => random.NextDouble()).ToArray();
        var before = (double[])a.Clone();

        // C = columns [0, n), operands = columns [n, n + kc) of the same rows.
        PackedTileProduct.Subtract(a, stride, 0, n, 0, n, lowerOnly: true, n, n + kc,
            PackedTileProduct.Operand.Plain, PackedTileProduct.Operand.Plain, parallel: false);

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double expected = before[i * stride + j];
                if (j <= i)
                {
                    for (int k = n; k < n + kc; k++)
                        expected -= before[i * stride + k] * before[j * stride + k];
                }
                Assert.True(System.Math.Abs(a[i * stride + j] - expected) <= 1e-12, $"C[{i},{j}] = {a[i * stride + j]}, expected {expected}");
            }
        }
    }
}
