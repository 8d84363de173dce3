namespace Recs.Math.Tests;

public sealed class ClusterGeometryTests
{
    [Fact]
    public void Rows_are_scaled_by_sigma_then_unit_length_and_zero_rows_stay_zero()
    {
        float[] u = [1f, 1f, 0f, 0f, 0f, 2f];
        var points = ClusterGeometry.UnitScaledRows(u, [3f, 4f], rows: 3, rank: 2);
        Assert.Equal([0.6f, 0.8f, 0f, 0f, 0f, 1f], points);
    }

    [Fact]
    public void Mismatched_sizes_are_rejected() =>
        Assert.Throws<ArgumentException>(() => ClusterGeometry.UnitScaledRows(new float[5], [1f, 1f], 3, 2));
}
