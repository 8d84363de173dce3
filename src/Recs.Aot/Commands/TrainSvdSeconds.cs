namespace Recs.Aot.Commands;

/// <summary>Where the SVD stage's wall seconds went: sparse products, reorthogonalisation, small SVDs, basis rotations.</summary>
internal sealed record TrainSvdSeconds(double Products, double Orthogonalisation, double ProjectedSvd, double Rotation);
