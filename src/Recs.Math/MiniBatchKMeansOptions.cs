namespace Recs.Math;

/// <summary>Settings for <see cref="MiniBatchKMeans"/>; ClusterCount must lie in [1, number of points].</summary>
public sealed record MiniBatchKMeansOptions
{
    public int ClusterCount { get; init; } = 8;

    /// <summary>Points drawn (with replacement) per mini-batch.</summary>
    public int BatchSize { get; init; } = 1024;

    /// <summary>Upper bound on mini-batches processed.</summary>
    public int MaxIterations { get; init; } = 300;

    /// <summary>
    /// Stop when the summed squared centre movement of a batch falls to Tolerance times the mean per-dimension
    /// variance of the data; 0 disables the test.
    /// </summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Stop after this many consecutive batches without a new minimum of the smoothed batch inertia; 0 disables.</summary>
    public int MaxNoImprovement { get; init; } = 10;

    /// <summary>Points used by k-means++ seeding; 0 picks max(3·BatchSize, 10·ClusterCount), capped at the point count.</summary>
    public int InitSampleSize { get; init; }

    /// <summary>Centres whose hit count is below this fraction of the busiest centre's are moved to far points.</summary>
    public double ReassignmentRatio { get; init; } = 0.01;

    /// <summary>Full Lloyd steps run after the mini-batch phase to remove the mini-batch noise from the centres.</summary>
    public int RefinementSteps { get; init; } = 2;

    /// <summary>Seed for seeding and batch sampling; equal seeds give identical results.</summary>
    public int Seed { get; init; } = 42;
}
