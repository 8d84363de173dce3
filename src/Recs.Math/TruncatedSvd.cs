namespace Recs.Math;

/// <summary>
/// Leading singular triplets A ≈ U·diag(σ)·Vᵀ: σ descending and non-negative, U is Rows×Rank and V is Columns×Rank,
/// both row-major with orthonormal columns.
/// </summary>
public sealed class TruncatedSvd
{
    internal TruncatedSvd(int rows, int columns, int rank, float[] singularValues, float[] u, float[] v,
        bool converged, int restarts, int matrixVectorProducts, LanczosTimings timings)
    {
        Rows = rows;
        Columns = columns;
        Rank = rank;
        SingularValues = singularValues;
        U = u;
        V = v;
        Converged = converged;
        Restarts = restarts;
        MatrixVectorProducts = matrixVectorProducts;
        Timings = timings;
    }

    public int Rows { get; }

    public int Columns { get; }

    public int Rank { get; }

    public float[] SingularValues { get; }

    /// <summary>Left singular vectors, row-major Rows×Rank: entry (r, i) is at r·Rank + i; empty when not asked for (<see cref="LanczosSvdOptions.LeftVectors"/>).</summary>
    public float[] U { get; }

    /// <summary>Right singular vectors, row-major Columns×Rank: entry (c, i) is at c·Rank + i; empty when written to the caller's buffer.</summary>
    public float[] V { get; }

    /// <summary>False when MaxRestarts ran out before every triplet met the tolerance.</summary>
    public bool Converged { get; }

    public int Restarts { get; }

    /// <summary>Products with A plus products with Aᵀ, a machine-independent measure of the work done.</summary>
    public int MatrixVectorProducts { get; }

    /// <summary>Where the run's time went, so a slow stage can be found without a profiler.</summary>
    public LanczosTimings Timings { get; }
}
