namespace Recs.Math;

/// <summary>Settings for <see cref="LanczosSvd"/>; Rank must lie in [1, min(rows, columns)].</summary>
public sealed record LanczosSvdOptions
{
    /// <summary>Number of leading singular triplets wanted.</summary>
    public int Rank { get; init; } = 64;

    /// <summary>A triplet is converged when its residual ‖Aᵀu − σv‖ is at most Tolerance·σ₁.</summary>
    public double Tolerance { get; init; } = 1e-5;

    /// <summary>Upper bound on thick restarts, so a hard spectrum returns an unconverged result instead of hanging.</summary>
    public int MaxRestarts { get; init; } = 100;

    /// <summary>Seed of the random start vector; equal seeds give identical results.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Krylov subspace size; 0 picks Rank + 16 (more restarts than a larger space, but the bases are what a training maps most of), clamped to [Rank, min(rows, columns)].</summary>
    public int KrylovDimension { get; init; }

    /// <summary>
    /// False when only σ and V are wanted: U is then left empty, which saves a Rows×Rank array per run (25 MB for
    /// 100,000 rows at rank 64) that would only be garbage.
    /// </summary>
    public bool LeftVectors { get; init; } = true;
}
