using Recs.Engine.Data;

namespace Recs.Aot.Recommendations;

/// <summary>
/// How the obscurity option (0 = popular … 1 = deep cuts) re-weights a ranking: a score is multiplied by
/// popularity^(1 − 2·obscurity), where popularity = log(1 + ratings) / log(1 + most ratings of any film) in (0, 1].
/// 0 favours popular films, 0.5 is neutral, 1 favours rarely rated ones. Kept outside the model so the model can later
/// consume <c>RecommendationQuery.Obscurity</c> itself and this re-ranking be dropped.
/// </summary>
public static class ObscurityWeighting
{
    /// <summary>Extra candidates asked of the model when re-ranking, so obscure films can rise into the final list.</summary>
    public const int CandidatePool = 400;

    /// <summary>The exponent applied to the popularity share: 1 − 2·obscurity.</summary>
    public static float Exponent(float obscurity) => 1f - 2f * obscurity;

    /// <summary>The multiplier for <paramref name="film"/>; films nobody rated get the weight of a film rated once.</summary>
    public static float Weight(RatingsDataset data, int film, float exponent, float logMostRatings)
    {
        float share = MathF.Log(1 + System.Math.Max(1, data.RatingCountOf(film))) / logMostRatings;
        return MathF.Pow(share, exponent);
    }

    /// <summary>log(1 + the highest rating count of any film), the denominator of the popularity share (at least log 2).</summary>
    public static float LogMostRatings(RatingsDataset data)
    {
        int most = 1;
        for (int f = 0; f < data.FilmCount; f++)
            most = System.Math.Max(most, data.RatingCountOf(f));
        return MathF.Log(1 + most);
    }
}
