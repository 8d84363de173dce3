namespace Recs.Aot.Commands;

/// <summary>Wall seconds of each `recs train` stage; total runs from the start of the load to the end of scoring.</summary>
internal sealed record TrainStageSeconds(double Load, double Matrix, double Svd, double Kmeans, double Silhouette, double Total);
