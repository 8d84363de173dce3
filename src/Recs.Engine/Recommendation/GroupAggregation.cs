namespace Recs.Engine.Recommendation;

/// <summary>
/// How a group's fit for a film is made from its members' blend scores. Each member's scores over the group's
/// candidates are min-max normalised to a fit in [0, 1] (1 = that member's best candidate); the group score is the
/// mean fit less, for every member whose fit is below <see cref="MiseryThreshold"/>, <see cref="MiseryPenalty"/> times
/// the shortfall ("least misery": a film one member would dislike sinks even when the others love it).
/// </summary>
public static class GroupAggregation
{
    /// <summary>A fit below this counts as a member who would rather not watch the film.</summary>
    public const float MiseryThreshold = 0.5f;

    /// <summary>Score lost per unit of fit a member falls below <see cref="MiseryThreshold"/>.</summary>
    public const float MiseryPenalty = 1f;

    /// <summary>The least and greatest of <paramref name="scores"/>, NaNs ignored ((0, 0) when none is a number).</summary>
    public static (float Min, float Max) Range(ReadOnlySpan<float> scores)
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (float s in scores)
        {
            if (s < min)
                min = s;
            if (s > max)
                max = s;
        }
        return min <= max ? (min, max) : (0, 0);
    }

    /// <summary>A score's fit in [0, 1] within the member's range; 0.5 when every candidate scores the same.</summary>
    public static float Fit(float score, float min, float max) => max > min ? (score - min) / (max - min) : 0.5f;

    /// <summary>The group score of one film from its members' fits (each in [0, 1]); at most 1, at least -0.5 per member.</summary>
    public static float Aggregate(ReadOnlySpan<float> fits)
    {
        if (fits.IsEmpty)
            throw new ArgumentException("a group has at least one member", nameof(fits));
        float sum = 0, misery = 0;
        foreach (float fit in fits)
        {
            sum += fit;
            if (fit < MiseryThreshold)
                misery += MiseryThreshold - fit;
        }
        return sum / fits.Length - MiseryPenalty * misery;
    }
}
