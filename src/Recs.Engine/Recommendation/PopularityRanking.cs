using Recs.Engine.Data;

namespace Recs.Engine.Recommendation;

/// <summary>
/// Films ordered by a popularity score: the damped mean rating (shrunk towards the global mean by
/// <see cref="Damping"/> pseudo-ratings) times log(1 + rating count). The fallback for unknown users.
/// </summary>
public sealed class PopularityRanking
{
    public const float Damping = 10f;

    private readonly int[] _order;

    public PopularityRanking(RatingsDataset data)
    {
        Scores = new float[data.FilmCount];
        for (int f = 0; f < data.FilmCount; f++)
        {
            int n = data.RatingCountOf(f);
            float damped = (data.FilmMeans[f] * n + data.GlobalMean * Damping) / (n + Damping);
            Scores[f] = damped * MathF.Log(1 + n);
        }
        _order = new int[data.FilmCount];
        for (int f = 0; f < _order.Length; f++)
            _order[f] = f;
        var keys = Scores.ToArray();
        for (int i = 0; i < keys.Length; i++)
            keys[i] = -keys[i];
        Array.Sort(keys, _order);
    }

    /// <summary>Popularity score per film index.</summary>
    public float[] Scores { get; }

    /// <summary>Film indices, most popular first.</summary>
    public ReadOnlySpan<int> Order => _order;
}
