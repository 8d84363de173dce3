namespace Recs.Math;

/// <summary>
/// Wall seconds a Lanczos run spent in each kind of work: sparse products with A and Aᵀ, reorthogonalisation,
/// SVDs of the small projected matrix, and basis rotations (restarts and the final Ritz vectors).
/// </summary>
public readonly record struct LanczosTimings(double Products, double Orthogonalisation, double ProjectedSvd, double Rotation);
