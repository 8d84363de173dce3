namespace Recs.Math.Tests;

/// <summary>The hand-written dense kernels against their scalar twins, over lengths that exercise every tile and tail.</summary>
public sealed class DenseKernelTests
{
    private static float[] RandomFloats(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();

    [Fact]
    public void Plane_rotation_matches_scalar_twin_for_every_length_up_to_70()
    {
        var random = new Random(5);
        for (int length = 0; length <= 70; length++)
        {
            var x = Enumerable.Range(0, length).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            var y = Enumerable.Range(0, length).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            var (xs, ys) = ((double[])x.Clone(), (double[])y.Clone());
            double angle = random.NextDouble() * System.Math.PI;
            PlaneRotation.Apply(x, y, System.Math.Cos(angle), System.Math.Sin(angle));
            PlaneRotation.ApplyScalar(xs, ys, System.Math.Cos(angle), System.Math.Sin(angle));
            for (int i = 0; i < length; i++)
            {
                Assert.True(System.Math.Abs(x[i] - xs[i]) <= 1e-14 && System.Math.Abs(y[i] - ys[i]) <= 1e-14,
                    $"length {length}, element {i}: ({x[i]}, {y[i]}) vs scalar ({xs[i]}, {ys[i]})");
            }
        }
    }

    [Fact]
    public void Plane_rotation_rejects_vectors_of_different_lengths()
    {
        var error = Assert.Throws<ArgumentException>(() => PlaneRotation.Apply(new double[3], new double[4], 1, 0));
        Assert.Contains("length", error.Message);
    }

    [Fact]
    public void Basis_combination_in_place_matches_the_scalar_combination_of_the_original_basis_on_every_tile_and_tail()
    {
        var random = new Random(7);
        foreach (int length in new[] { 1, 7, 63, 64, 65, 127, 128, 200, 257 })
        {
            foreach (int count in new[] { 1, 3, 17 })
            {
                int outputs = 1 + random.Next(System.Math.Min(3, count));
                var basis = RandomFloats(random, count * length);
                var weights = RandomFloats(random, count * outputs);
                weights[0] = 0f; // zero weights take the skip branch
                var expected = new float[outputs * length];
                BasisCombination.CombineScalar(basis, length, count, weights, outputs, expected, 0, length);
                var rotated = (float[])basis.Clone();
                // Two ranges, as two parts of a rotation split across cores would take them.
                int split = System.Math.Min(length, BasisCombination.TileRows);
                var tile = new float[outputs * BasisCombination.TileRows];
                BasisCombination.CombineInPlace(rotated, length, count, weights, outputs, tile, 0, split);
                BasisCombination.CombineInPlace(rotated, length, count, weights, outputs, tile, split, length);
                AssertClose(expected, rotated[..(outputs * length)], count, $"combine length {length}, count {count}, outputs {outputs}");
                // Vectors past the outputs keep what they held.
                Assert.Equal(basis[(outputs * length)..], rotated[(outputs * length)..]);
            }
        }
    }

    [Fact]
    public void In_place_combination_refuses_more_outputs_than_vectors_or_a_short_tile()
    {
        var basis = new float[2 * 64];
        Assert.Throws<ArgumentException>(() => BasisCombination.CombineInPlace(basis, 64, 2, new float[6], 3, new float[3 * 64], 0, 64));
        Assert.Throws<ArgumentException>(() => BasisCombination.CombineInPlace(basis, 64, 2, new float[4], 2, new float[64], 0, 64));
    }

    [Fact]
    public void Narrow_vector_fallback_matches_the_scalar_combination()
    {
        // The path a binary without 256-bit vectors takes; run directly so this machine's AVX2 cannot hide it.
        var random = new Random(10);
        const int length = 150;
        const int count = 5;
        var basis = RandomFloats(random, count * length);
        var weights = RandomFloats(random, count);
        var scalar = new float[length];
        BasisCombination.CombineScalar(basis, length, count, weights, 1, scalar, 0, length);
        var added = new float[length - 30];
        BasisCombination.AddScaledRows(basis, length, count, weights, 1f, added, 30);
        AssertClose(scalar[30..], added, count, "fallback combination of rows [30, 150)");
        var subtracted = (float[])scalar.Clone();
        BasisCombination.AddScaledRows(basis, length, count, weights, -1f, subtracted, 0);
        Assert.True(subtracted.All(v => System.Math.Abs(v) <= 1e-5f), "subtracting the combination from itself left a residue");
    }

    [Fact]
    public void Basis_combination_writes_only_the_requested_rows()
    {
        var random = new Random(8);
        const int length = 300;
        var basis = RandomFloats(random, 4 * length);
        var weights = RandomFloats(random, 4);
        var output = (float[])basis.Clone();
        output.AsSpan(0, length).Fill(42f);
        BasisCombination.CombineInPlace(output, length, 4, weights, 1, new float[BasisCombination.TileRows], 64, 200);
        Assert.True(output.AsSpan(0, 64).IndexOfAnyExcept(42f) < 0, "rows before the range were written");
        Assert.True(output.AsSpan(200, length - 200).IndexOfAnyExcept(42f) < 0, "rows after the range were written");
        Assert.True(output.AsSpan(64, 136).IndexOf(42f) < 0, "a row inside the range was left untouched");
    }

    [Fact]
    public void Basis_subtraction_removes_the_weighted_basis()
    {
        var random = new Random(9);
        foreach (int length in new[] { 5, 64, 129, 500 })
        {
            const int count = 6;
            var basis = RandomFloats(random, count * length);
            var coefficients = RandomFloats(random, count);
            var x = RandomFloats(random, length);
            var expected = new float[length];
            for (int r = 0; r < length; r++)
            {
                double sum = x[r];
                for (int j = 0; j < count; j++)
                    sum -= coefficients[j] * basis[j * length + r];
                expected[r] = (float)sum;
            }
            BasisCombination.Subtract(basis, length, count, coefficients, x, 0, length);
            AssertClose(expected, x, count, $"subtract length {length}");
        }
    }

    [Fact]
    public void Basis_combination_rejects_a_row_range_outside_the_vectors()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            BasisCombination.CombineInPlace(new float[10], 10, 1, new float[1], 1, new float[BasisCombination.TileRows], 5, 11));
        Assert.Contains("outside", error.Message);
    }

    private static void AssertClose(float[] expected, float[] actual, int terms, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(System.Math.Abs(expected[i] - actual[i]) <= 1e-6f * (terms + 1),
                $"{what}: element {i} is {actual[i]}, reference {expected[i]}");
        }
    }
}
