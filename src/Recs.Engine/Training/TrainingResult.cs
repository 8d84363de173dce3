using Recs.Math;

namespace Recs.Engine.Training;

/// <summary>
/// The output of <see cref="TrainingPipeline"/>: the mean-centred matrix, its truncated SVD, the clustered points
/// (L2-normalised or raw rows of U·Σ, per the options), the cluster-count sweep with the chosen clustering, and seconds per stage.
/// </summary>
public sealed record TrainingResult(
    CsrMatrix Matrix,
    TruncatedSvd Svd,
    float[] ClusterPoints,
    ClusterCountSelection Clusters,
    IReadOnlyDictionary<string, double> StageSeconds);
