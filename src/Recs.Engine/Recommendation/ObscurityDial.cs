using System.Buffers;

namespace Recs.Engine.Recommendation;

/// <summary>
/// The obscurity option (0 = popular … 0.5 = the model's own ranking … 1 = deep cuts) as a re-ranking of the model's
/// best <see cref="Pool"/> candidates: each candidate's key is (1 − a)·relevance + a·popularity, both percentiles
/// within the pool (relevance from the model's order, best = 1; popularity from rating counts, most rated = 1, or
/// least rated = 1 above 0.5), with a = <see cref="MaxMix"/>·|2·obscurity − 1|. Percentiles, not raw scores, so the
/// dial moves every person's list by the same measure however peaked their scores are; the pool bounds how far down
/// the model's ranking it may reach, which bounds the quality it can cost. Pool and mix are what
/// `recs eval-obscurity --validation --pools 100,200,400 --mixes 0.3,0.5` picks on both data sets (docs/API-OPTIONS.md):
/// of the shapes that bring every activity group's list median at 1 to at most 0.6 of the model's own, the best NDCG.
/// </summary>
public static class ObscurityDial
{
    /// <summary>Candidates the model ranks before the dial re-ranks them (also the most it may reach down).</summary>
    public const int Pool = 200;

    /// <summary>Weight of the popularity percentile at obscurity 0 or 1.</summary>
    public const float MaxMix = 0.3f;

    /// <summary>The popularity percentile's weight a for <paramref name="obscurity"/> in [0, 1]: 0 at 0.5, <paramref name="maxMix"/> at either end.</summary>
    public static float Mix(float obscurity, float maxMix = MaxMix) => maxMix * MathF.Abs(2f * obscurity - 1f);

    /// <summary>True when <paramref name="obscurity"/> changes the model's order (anything but 0.5).</summary>
    public static bool Moves(float obscurity) => Mix(obscurity) > 0;

    /// <summary>
    /// Reorders <paramref name="pool"/> (the model's candidates, best first) in place by the dial's key; ties keep the
    /// model's order. <paramref name="ratingCounts"/> gives each film's number of ratings; <paramref name="maxMix"/> is
    /// the weight at either end (the shipped <see cref="MaxMix"/> unless a measurement tries another). Allocates nothing
    /// but pooled scratch.
    /// </summary>
    public static void Rerank(Span<ScoredFilm> pool, ReadOnlySpan<int> ratingCounts, float obscurity, float maxMix = MaxMix)
    {
        int n = pool.Length;
        float a = Mix(obscurity, maxMix);
        if (n < 2 || a == 0)
            return;
        bool towardsObscure = obscurity > 0.5f;
        long[] byCount = ArrayPool<long>.Shared.Rent(n);
        float[] keys = ArrayPool<float>.Shared.Rent(n);
        int[] order = ArrayPool<int>.Shared.Rent(n);
        ScoredFilm[] copy = ArrayPool<ScoredFilm>.Shared.Rent(n);
        try
        {
            // Popularity percentile: positions in rating-count order (count·n + position sorts by count, then by the
            // model's order), equal counts sharing their mean position.
            var counted = byCount.AsSpan(0, n);
            for (int i = 0; i < n; i++)
                counted[i] = (long)ratingCounts[pool[i].Film] * n + i;
            counted.Sort();
            float last = n - 1;
            for (int start = 0; start < n;)
            {
                long count = counted[start] / n;
                int end = start + 1;
                while (end < n && counted[end] / n == count)
                    end++;
                float popularity = (start + end - 1) / 2f / last;
                for (int j = start; j < end; j++)
                {
                    int i = (int)(counted[j] % n);
                    float relevance = 1f - i / last;
                    keys[i] = (1f - a) * relevance + a * (towardsObscure ? 1f - popularity : popularity);
                }
                start = end;
            }

            var sorted = order.AsSpan(0, n);
            for (int i = 0; i < n; i++)
                sorted[i] = i;
            sorted.Sort(new KeyDescending(keys));
            pool.CopyTo(copy);
            for (int i = 0; i < n; i++)
                pool[i] = copy[sorted[i]];
        }
        finally
        {
            ArrayPool<long>.Shared.Return(byCount);
            ArrayPool<float>.Shared.Return(keys);
            ArrayPool<int>.Shared.Return(order);
            ArrayPool<ScoredFilm>.Shared.Return(copy);
        }
    }

    // Best key first; the model's order breaks ties, so the result is deterministic. A struct, so sorting allocates nothing.
    private readonly struct KeyDescending(float[] keys) : IComparer<int>
    {
        public int Compare(int x, int y) => keys[x] != keys[y] ? keys[y].CompareTo(keys[x]) : x.CompareTo(y);
    }
}
