using Recs.Engine.Catalog;
using Recs.Engine.Data;
using Recs.Math;

namespace Recs.Engine.Training;

/// <summary>
/// The users × films matrices training factorises, built on the data set's own rows (<see cref="RatingsDataset.RowPattern"/>)
/// and half-star array: each matrix's values are computed from a rating's half-star units as the products read them,
/// and the transposed products add up the rows rather than read a film order, so a matrix costs an int per film and a
/// few per user (the pattern's column pointers and row splits) beyond what the data set already holds, not the four
/// bytes a rating of a by-film index and the byte a rating of its units in that order.
/// </summary>
public static class RatingMatrices
{
    /// <summary>Each rating minus its user's mean (the taste matrix, row-centred with <see cref="RatingsDataset.UserMeans"/>).</summary>
    public static CodedSparseMatrix Centred(RatingsDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return CodedSparseMatrix.Create(data.RowPattern(), data.UserHalfStars, StarRating.FromUnits(1), rowOffsets: data.UserMeans);
    }

    /// <summary>
    /// The centred matrix on the pattern of <paramref name="sameRatings"/>, a matrix this class built on the same
    /// <paramref name="data"/>: the two share it. Throws <see cref="ArgumentException"/> when its shape is not the data set's.
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
    public static CodedSparseMatrix ColumnScaled(RatingsDataset data, float[] scales)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(scales);
        if (scales.Length != data.FilmCount)
            throw new ArgumentException($"{scales.Length} scales for {data.FilmCount} films.", nameof(scales));
        return CodedSparseMatrix.Create(data.RowPattern(), data.UserHalfStars, StarRating.FromUnits(1), columnScales: scales);
    }
}
