using Recs.Engine.Catalog;
using Recs.Engine.Data;
using Recs.Math;

namespace Recs.Engine.Training;

/// <summary>
/// The users × films matrices training factorises, built on the data set's pattern (<see cref="RatingsDataset.BuildPattern"/>,
/// one per training, given or built here) and its own half-star array: each matrix's values are computed from a rating's
/// half-star units as the products read them, so the only new memory is the units in film order, one byte a rating,
/// written into a buffer the caller owns (at least <see cref="RatingsDataset.RatingCount"/> long; rented from a
/// <see cref="ScratchPool"/> it goes back once the matrix is no longer used).
/// </summary>
public static class RatingMatrices
{
    /// <summary>Each rating minus its user's mean (the taste matrix, row-centred with <see cref="RatingsDataset.UserMeans"/>).</summary>
    public static CodedSparseMatrix Centred(RatingsDataset data, Memory<byte> columnOrderBuffer, SparsePattern? pattern = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckLength(data, columnOrderBuffer);
        return CodedSparseMatrix.Create(pattern ?? data.BuildPattern(), data.UserHalfStars, StarRating.FromUnits(1), columnOrderBuffer,
            rowOffsets: data.UserMeans);
    }

    /// <summary>
    /// The centred matrix on the half stars that <paramref name="sameRatings"/>, a matrix this class built on the same
    /// <paramref name="data"/>, already holds in film order: nothing is refilled, and the two share that buffer.
    /// Throws <see cref="ArgumentException"/> when its shape is not the data set's.
    /// </summary>
    public static CodedSparseMatrix Centred(RatingsDataset data, CodedSparseMatrix sameRatings)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(sameRatings);
        if (sameRatings.Rows != data.UserCount || sameRatings.Columns != data.FilmCount || sameRatings.NonZeroCount != data.RatingCount)
            throw new ArgumentException("The matrix is not of this data set's ratings.", nameof(sameRatings));
        return sameRatings.Rescaled(rowOffsets: data.UserMeans, columnScales: null);
    }

    /// <summary>Each rating times its film's scale (the ranking matrix); <paramref name="scales"/> has one entry per film.</summary>
    public static CodedSparseMatrix ColumnScaled(RatingsDataset data, float[] scales, Memory<byte> columnOrderBuffer, SparsePattern? pattern = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(scales);
        CheckLength(data, columnOrderBuffer);
        if (scales.Length != data.FilmCount)
            throw new ArgumentException($"{scales.Length} scales for {data.FilmCount} films.", nameof(scales));
        return CodedSparseMatrix.Create(pattern ?? data.BuildPattern(), data.UserHalfStars, StarRating.FromUnits(1), columnOrderBuffer,
            columnScales: scales);
    }

    private static void CheckLength(RatingsDataset data, Memory<byte> buffer)
    {
        if (buffer.Length < data.RatingCount)
            throw new ArgumentException($"A buffer of {buffer.Length} for {data.RatingCount} ratings.", nameof(buffer));
    }
}
