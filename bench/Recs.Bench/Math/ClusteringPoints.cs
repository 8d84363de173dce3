using System.Collections.Concurrent;
using Recs.Bench.Data;
using Recs.Math;

namespace Recs.Bench.Math;

/// <summary>The points the pipeline clusters (unit-length rows of U·Σ at rank 64), computed once per data set.</summary>
internal static class ClusteringPoints
{
    public const int Rank = 64;

    private static readonly ConcurrentDictionary<string, float[]> Cache = new();

    public static float[] For(string dataSet) => Cache.GetOrAdd(dataSet, static d =>
        ClusterGeometry.UnitScaledRows(LanczosSvd.Compute(BenchData.Matrix(d), new LanczosSvdOptions { Rank = Rank, Seed = 42 })));
}
