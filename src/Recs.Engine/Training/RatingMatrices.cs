using Recs.Engine.Catalog;
using Recs.Engine.Data;
using Recs.Math;

namespace Recs.Engine.Training;

/// <summary>
/// The users × films matrices training factorises, built on the data set's pattern (<see cref="RatingsDataset.BuildPattern"/>, one per training, given or built here):
/// only the values are new, written into buffers the caller owns (at least <see cref="RatingsDataset.RatingCount"/>
/// long each; rented from a <see cref="ScratchPool"/> they go back once the matrix is no longer used).
/// </summary>
public static class RatingMatrices
{
    /// <summary>Each rating minus its user's mean (the taste matrix, row-centred with <see cref="RatingsDataset.UserMeans"/>).</summary>
    public static CsrMatrix Centred(RatingsDataset data, Memory<float> values, Memory<float> transposedBuffer, SparsePattern? pattern = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckLength(data, values);
        var centred = values.Span;
        var units = data.UserHalfStars;
        for (int u = 0; u < data.UserCount; u++)
        {
            float mean = data.UserMeans[u];
            for (int p = data.UserOffsets[u]; p < data.UserOffsets[u + 1]; p++)
                centred[p] = StarRating.FromUnits(units[p]) - mean;
        }
        return CsrMatrix.FromPattern(pattern ?? data.BuildPattern(), values, transposedBuffer, data.UserMeans);
    }

    /// <summary>Each rating times its film's scale (the ranking matrix); <paramref name="scales"/> has one entry per film.</summary>
    public static CsrMatrix ColumnScaled(
        RatingsDataset data, ReadOnlySpan<float> scales, Memory<float> values, Memory<float> transposedBuffer, SparsePattern? pattern = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckLength(data, values);
        if (scales.Length != data.FilmCount)
            throw new ArgumentException($"{scales.Length} scales for {data.FilmCount} films.", nameof(scales));
        var films = data.UserFilms;
        var units = data.UserHalfStars;
        var scaled = values.Span;
        for (int p = 0; p < units.Length; p++)
            scaled[p] = StarRating.FromUnits(units[p]) * scales[films[p]];
        return CsrMatrix.FromPattern(pattern ?? data.BuildPattern(), values, transposedBuffer);
    }

    private static void CheckLength(RatingsDataset data, Memory<float> values)
    {
        if (values.Length < data.RatingCount)
            throw new ArgumentException($"A buffer of {values.Length} values for {data.RatingCount} ratings.", nameof(values));
    }
}
