using Recs.Math;

namespace Recs.Engine.Training;

/// <summary>
/// The output of <see cref="TrainingPipeline"/>: the mean-centred matrix, its truncated SVD, the clustered points
/// (L2-normalised or raw rows of U·Σ, per the options; on the caller's pool when one was given, so valid while it is and
/// returnable to it), the cluster-count sweep with the chosen clustering, and seconds per stage.
/// </summary>
public sealed record TrainingResult(
    ILinearOperator Matrix,
    TruncatedSvd Svd,
    Memory<float> ClusterPoints,
    ClusterCountSelection Clusters,
    IReadOnlyDictionary<string, double> StageSeconds);
