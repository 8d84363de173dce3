namespace Recs.Math;

/// <summary>
/// A Rows × Columns matrix known through its two products, all the Lanczos SVD needs of it. Products are thread-safe,
/// overwrite their output and throw <see cref="ArgumentException"/> when a vector's length does not fit.
/// </summary>
public interface ILinearOperator
{
    int Rows { get; }

    int Columns { get; }

    /// <summary>Entries the matrix stores (the work of one product); 0 means the matrix is empty.</summary>
    int NonZeroCount { get; }

    /// <summary>Computes y = A·x; x has length Columns, y has length Rows.</summary>
    void Multiply(ReadOnlySpan<float> x, Span<float> y);

    /// <summary>Computes y = Aᵀ·x; x has length Rows, y has length Columns.</summary>
    void MultiplyTransposed(ReadOnlySpan<float> x, Span<float> y);
}
