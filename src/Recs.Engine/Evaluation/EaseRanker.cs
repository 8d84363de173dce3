using System.Numerics.Tensors;
using Recs.Engine.Data;
using Recs.Engine.Recommendation;
using Recs.Math;

namespace Recs.Engine.Evaluation;

/// <summary>
/// The EASE baseline (Steck 2019): with X the binary users × films matrix (every rating counts as 1, stars ignored, as
/// in <see cref="Rp3BetaRanker"/>) and P = (XᵀX + λI)⁻¹, the item–item weights are B = I − P·diag(1/diag P), i.e.
/// B_ij = −P_ij / P_jj off the diagonal and 0 on it; a person with binary row x scores film j by (x·B)_j.
/// The dense inverse costs O(n³) time and n² doubles, so only the <see cref="ItemCount"/> most-rated films enter the
/// model; films outside it are never recommended and do not count towards anyone's scores.
/// </summary>
public sealed class EaseRanker
{
    /// <summary>
    /// Films kept by default. At 4 000 the co-rating counts and the inverse take 4 000² × (4 + 8) bytes = 192 MB, plus
    /// 64 MB for B (256 MB at peak), and one inversion is about n³/2 = 3.2·10¹⁰ multiply-adds, done seven times per seed
    /// for the λ grid; the 4 000 most-rated films hold 91 % of the MovieLens training ratings (the eval log prints the share).
    /// </summary>
    public const int DefaultItemCap = 4000;

    private readonly int[] _items;
    private readonly float[] _weights;

    private EaseRanker(int films, int[] items, float[] weights, double lambda)
    {
        FilmCount = films;
        _items = items;
        _weights = weights;
        Lambda = lambda;
    }

    /// <summary>Films in the training set.</summary>
    public int FilmCount { get; }

    /// <summary>Films in the model (the most-rated ones, at most the cap).</summary>
    public int ItemCount => _items.Length;

    /// <summary>Ridge penalty λ on the diagonal of XᵀX.</summary>
    public double Lambda { get; }

    /// <summary>The film indices in the model, ascending.</summary>
    public ReadOnlySpan<int> Items => _items;

    /// <summary>
    /// Fits EASE on the <paramref name="itemCap"/> most-rated films of <paramref name="train"/> at penalty
    /// <paramref name="lambda"/>; throws ArgumentOutOfRangeException when λ is not positive or the cap is not positive.
    /// </summary>
    public static EaseRanker Fit(RatingsDataset train, double lambda, int itemCap = DefaultItemCap)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lambda);
        var items = MostRated(train, itemCap);
        return FromGram(train.FilmCount, items, CoRatingCounts(train, items), lambda);
    }

    /// <summary>
    /// Chooses λ from <paramref name="lambdas"/> by mean NDCG@<paramref name="k"/> over the trained users of
    /// <paramref name="validation"/> (a split carved from training ratings only); the Gram is built once, ties keep the earlier λ.
    /// </summary>
    public static (double Lambda, double Ndcg) Select(EvalSplit validation, IReadOnlyList<double> lambdas, int k, int itemCap = DefaultItemCap)
    {
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(lambdas);
        var train = validation.Train;
        var items = MostRated(train, itemCap);
        var gram = CoRatingCounts(train, items);
        int catalogue = train.FilmCounts.Count(c => c > 0);
        (double Lambda, double Ndcg) best = (lambdas[0], -1);
        foreach (double lambda in lambdas)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lambda);
            var model = FromGram(train.FilmCount, items, gram, lambda);
            double ndcg = Evaluator.Evaluate("EASE", model.AsRanker(), validation.Trained, k, catalogue).Ndcg;
            if (ndcg > best.Ndcg)
                best = (lambda, ndcg);
        }
        return best;
    }

    /// <summary>
    /// The <paramref name="cap"/> films with the most ratings (ties to the lower index), ascending by index; films nobody
    /// rated are left out. Throws ArgumentOutOfRangeException when the cap is not positive.
    /// </summary>
    public static int[] MostRated(RatingsDataset train, int cap)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cap);
        var rated = Enumerable.Range(0, train.FilmCount).Where(f => train.FilmCounts[f] > 0);
        var items = rated.OrderByDescending(f => train.FilmCounts[f]).ThenBy(f => f).Take(cap).ToArray();
        Array.Sort(items);
        return items;
    }

    /// <summary>Writes (x·B)_j for every film j into <paramref name="scores"/> (length <see cref="FilmCount"/>); films outside the model get −∞.</summary>
    public void Score(ReadOnlySpan<int> films, Span<float> scores)
    {
        var slots = new float[_items.Length];
        ScoreSlots(films, slots);
        scores[..FilmCount].Fill(float.NegativeInfinity);
        for (int s = 0; s < _items.Length; s++)
            scores[_items[s]] = slots[s];
    }

    /// <summary>This model as a ranker: the best-scoring films in the model the person has not rated.</summary>
    public EvalRanker AsRanker() => (user, output) =>
    {
        var slots = new float[_items.Length];
        ScoreSlots(user.Films, slots);
        var top = new TopN(output);
        for (int s = 0; s < _items.Length; s++)
        {
            if (user.Films.AsSpan().BinarySearch(_items[s]) < 0)
                top.Offer(new ScoredFilm(_items[s], slots[s], 0, 0));
        }
        return top.SortDescending();
    };

    // Sums row i of B over the person's films i in the model (x is binary, so x·B is a sum of rows).
    private void ScoreSlots(ReadOnlySpan<int> films, Span<float> slots)
    {
        int n = _items.Length;
        slots.Clear();
        foreach (int f in films)
        {
            int s = _items.AsSpan().BinarySearch(f);
            if (s >= 0)
                TensorPrimitives.Add(slots, _weights.AsSpan(s * n, n), slots);
        }
    }

    private static EaseRanker FromGram(int films, int[] items, float[] gram, double lambda)
    {
        int n = items.Length;
        var p = new double[(long)n * n];
        for (int i = 0; i < p.Length; i++)
            p[i] = gram[i];
        for (int i = 0; i < n; i++)
            p[i * n + i] += lambda;
        Cholesky.Invert(p, n);
        var weights = new float[(long)n * n];
        Parallel.For(0, n, i =>
        {
            for (int j = 0; j < n; j++)
                weights[i * n + j] = i == j ? 0f : (float)(-p[i * n + j] / p[j * n + j]);
        });
        return new EaseRanker(films, items, weights, lambda);
    }

    // XᵀX over the model's films: how many people rated both, by AND and POPCNT over each film's packed "rated by" bits.
    private static float[] CoRatingCounts(RatingsDataset train, int[] items)
    {
        int n = items.Length;
        var slotOf = new int[train.FilmCount];
        Array.Fill(slotOf, -1);
        for (int s = 0; s < n; s++)
            slotOf[items[s]] = s;
        var offsets = new int[n + 1];
        foreach (int f in train.UserFilms)
        {
            if (slotOf[f] >= 0)
                offsets[slotOf[f] + 1]++;
        }
        for (int s = 0; s < n; s++)
            offsets[s + 1] += offsets[s];
        var fill = offsets[..^1];
        var users = new int[offsets[n]];
        for (int u = 0; u < train.UserCount; u++)
        {
            foreach (int f in train.FilmsOf(u))
            {
                if (slotOf[f] >= 0)
                    users[fill[slotOf[f]]++] = u;
            }
        }
        var gram = new float[(long)n * n];
        if (n == 0)
            return gram;
        var bits = PackedBinaryMatrix.FromCompressedRows(offsets, users, System.Math.Max(1, train.UserCount));
        Parallel.For(0, n, () => new int[n], (s, _, counts) =>
        {
            bits.CountCommonWithEveryRow(s, counts);
            for (int t = 0; t < n; t++)
                gram[s * n + t] = counts[t];
            return counts;
        }, _ => { });
        return gram;
    }
}
