namespace Recs.Aot.Commands;

/// <summary>What `recs train --json` prints: sizes, seconds per stage, the spectrum, every tried cluster count and the choice.</summary>
internal sealed record TrainReport
{
    public required string File { get; init; }
    public required string Format { get; init; }
    public required int Users { get; init; }
    public required int Films { get; init; }
    public required int Ratings { get; init; }
    public required int Components { get; init; }
    public required string Geometry { get; init; }
    public required TrainStageSeconds Seconds { get; init; }
    public required float[] SingularValues { get; init; }
    public required bool SvdConverged { get; init; }
    public required int SvdMatrixVectorProducts { get; init; }
    public required TrainSvdSeconds SvdSeconds { get; init; }
    public required TrainClusterScore[] Clusters { get; init; }
    public required int ChosenK { get; init; }
    public required double Inertia { get; init; }
    public required double PeakWorkingSetMb { get; init; }
}
