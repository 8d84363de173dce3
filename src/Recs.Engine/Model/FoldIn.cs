using System.Numerics.Tensors;

namespace Recs.Engine.Model;

/// <summary>
/// Places a person in a trained model from their ratings alone, without retraining: films the model does not know
/// (added after training) are ignored. For a trained user this reproduces their trained factors.
/// </summary>
public static class FoldIn
{
    /// <summary>Writes u = (r − mean(r))·V·Σ⁻¹ (TasteRank values) into <paramref name="factor"/>: the user's row of U.</summary>
    public static void TasteFactor(TrainedModel model, ReadOnlySpan<int> films, ReadOnlySpan<float> stars, Span<float> factor)
    {
        TasteDirection(model, films, stars, factor);
        var sigma = model.SingularValues.AsSpan();
        for (int i = 0; i < factor.Length; i++)
            factor[i] = sigma[i] > 0 ? factor[i] / sigma[i] : 0;
    }

    /// <summary>Writes (r − mean(r))·V = u·Σ, the user's taste before normalisation, into <paramref name="direction"/>.</summary>
    public static void TasteDirection(TrainedModel model, ReadOnlySpan<int> films, ReadOnlySpan<float> stars, Span<float> direction)
    {
        ArgumentNullException.ThrowIfNull(model);
        int rank = model.TasteRank;
        if (direction.Length != rank)
            throw new ArgumentException($"expected {rank} values, got {direction.Length}", nameof(direction));
        direction.Clear();
        float mean = Mean(model, films, stars);
        var v = model.TasteVectors.AsSpan();
        for (int i = 0; i < films.Length; i++)
        {
            if ((uint)films[i] < (uint)model.FilmCount)
                TensorPrimitives.MultiplyAdd(v.Slice(films[i] * rank, rank), stars[i] - mean, direction, direction);
        }
    }

    /// <summary>The cluster whose centre is nearest the user's unit taste direction (the same geometry k-means ran on).</summary>
    public static int Cluster(TrainedModel model, ReadOnlySpan<float> direction)
    {
        ArgumentNullException.ThrowIfNull(model);
        float norm = TensorPrimitives.Norm(direction);
        if (norm == 0)
            return model.LargestCluster;
        int rank = model.TasteRank, best = 0;
        float bestDistance = float.PositiveInfinity;
        var centroids = model.Centroids.AsSpan();
        for (int c = 0; c < model.ClusterCount; c++)
        {
            // ‖p − c‖² with ‖p‖ = 1: 1 − 2·p·c + ‖c‖².
            float d = model.CentroidSquaredNorms[c] - 2f * TensorPrimitives.Dot(direction, centroids.Slice(c * rank, rank)) / norm;
            if (d < bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    /// <summary>
    /// The flat taste group (see <see cref="TasteGroups"/>) of the direction: the nearest group centre inside its
    /// nearest cluster, as training assigned members; -1 when the model has no groups.
    /// </summary>
    public static int Group(TrainedModel model, ReadOnlySpan<float> direction)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Groups is { } groups ? groups.Nearest(Cluster(model, direction), direction) : -1;
    }

    /// <summary>Writes (r∘s)·W (RankingRank values, s the popularity-debiasing column scales), the user's factor in the raw-ratings SVD, into <paramref name="factor"/>.</summary>
    public static void RankingFactor(TrainedModel model, ReadOnlySpan<int> films, ReadOnlySpan<float> stars, Span<float> factor)
    {
        ArgumentNullException.ThrowIfNull(model);
        int rank = model.RankingRank;
        if (factor.Length != rank)
            throw new ArgumentException($"expected {rank} values, got {factor.Length}", nameof(factor));
        factor.Clear();
        var w = model.RankingVectors.AsSpan();
        var scales = model.RankingScales;
        for (int i = 0; i < films.Length; i++)
        {
            if ((uint)films[i] < (uint)model.FilmCount)
                TensorPrimitives.MultiplyAdd(w.Slice(films[i] * rank, rank), stars[i] * scales[films[i]], factor, factor);
        }
    }

    private static float Mean(TrainedModel model, ReadOnlySpan<int> films, ReadOnlySpan<float> stars)
    {
        if (films.Length != stars.Length)
            throw new ArgumentException("films and stars must have the same length", nameof(stars));
        double sum = 0;
        int n = 0;
        for (int i = 0; i < films.Length; i++)
        {
            if ((uint)films[i] < (uint)model.FilmCount)
            {
                sum += stars[i];
                n++;
            }
        }
        return n == 0 ? 0 : (float)(sum / n);
    }
}
