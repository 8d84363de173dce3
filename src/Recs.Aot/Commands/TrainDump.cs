using System.Globalization;
using System.Runtime.InteropServices;
using Recs.Engine.Training;

namespace Recs.Aot.Commands;

/// <summary>Writes a trained model's factors and labels as plain files, for inspection or for comparison with other tools.</summary>
internal static class TrainDump
{
    /// <summary>
    /// Writes singular_values.txt, user_ids.txt, labels.txt (one line per user, same order), user_factors.f32
    /// (row-major float32 U·Σ) and cluster_points.f32 (the clustered points, same layout) into <paramref name="dir"/>.
    /// </summary>
    public static void Write(string dir, RatingTriples ratings, TrainingResult result)
    {
        Directory.CreateDirectory(dir);
        var svd = result.Svd;
        File.WriteAllLines(Path.Combine(dir, "singular_values.txt"),
            svd.SingularValues.Take(svd.Rank).Select(s => s.ToString("R", CultureInfo.InvariantCulture)));
        File.WriteAllLines(Path.Combine(dir, "user_ids.txt"), ratings.UserIds);
        File.WriteAllLines(Path.Combine(dir, "labels.txt"), result.Clusters.Best.Labels.Select(l => l.ToString(CultureInfo.InvariantCulture)));
        WriteFloats(Path.Combine(dir, "user_factors.f32"), UserFactors.Scaled(svd));
        WriteFloats(Path.Combine(dir, "cluster_points.f32"), result.ClusterPoints);
    }

    // Little-endian float32, the layout numpy.fromfile(dtype='<f4') reads back; every supported target is little-endian.
    private static void WriteFloats(string path, ReadOnlyMemory<float> values) =>
        File.WriteAllBytes(path, MemoryMarshal.AsBytes(values.Span).ToArray());
}
