namespace Recs.Math;

/// <summary>A sparse matrix whose products can be cut into independent output ranges for <see cref="SparseProductWork"/>.</summary>
internal interface IRangeProduct
{
    /// <summary>
    /// Writes y[start..end) of y = A·x, or of y = Aᵀ·x when <paramref name="transposed"/>: part
    /// <paramref name="part"/> of the partition the product was cut into, or the whole output when it is −1.
    /// </summary>
    void ProductRange(bool transposed, ReadOnlySpan<float> x, Span<float> y, int start, int end, int part);
}
