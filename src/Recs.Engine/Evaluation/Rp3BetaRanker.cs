using Recs.Engine.Data;
using Recs.Engine.Recommendation;

namespace Recs.Engine.Evaluation;

/// <summary>
/// The RP3β baseline (Paudel et al. 2017): a three-step random walk on the binary user–film graph. With
/// P_ui = 1/deg(u) and P_iu = 1/deg(i), each transition probability raised to α, film i reaches film j with weight
/// W_ij = Σ_u P_iu^α P_uj^α, divided by deg(j)^β to penalise popular targets; only the strongest
/// <see cref="Neighbours"/> targets of each film are kept (the diagonal is dropped). A person scores film j by the sum
/// of W_ij over the films i they rated (stars are ignored: the graph is binary).
/// </summary>
public sealed class Rp3BetaRanker
{
    private readonly int[] _targets;
    private readonly float[] _weights;
    private readonly int[] _counts;

    private Rp3BetaRanker(int films, int neighbours, double alpha, double beta, int[] targets, float[] weights, int[] counts)
    {
        FilmCount = films;
        Neighbours = neighbours;
        Alpha = alpha;
        Beta = beta;
        _targets = targets;
        _weights = weights;
        _counts = counts;
    }

    public int FilmCount { get; }

    /// <summary>Targets kept per film.</summary>
    public int Neighbours { get; }

    public double Alpha { get; }

    public double Beta { get; }

    /// <summary>
    /// Fits one model per β in <paramref name="betas"/> at exponent <paramref name="alpha"/> (the walk is computed once and
    /// only the popularity penalty differs); throws ArgumentOutOfRangeException when <paramref name="neighbours"/> is not positive.
    /// </summary>
    public static Rp3BetaRanker[] Fit(RatingsDataset train, double alpha, IReadOnlyList<double> betas, int neighbours = 100)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(betas);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(neighbours);
        int films = train.FilmCount;
        int kept = System.Math.Min(neighbours, System.Math.Max(1, films - 1));
        var userStep = new float[train.UserCount];
        for (int u = 0; u < train.UserCount; u++)
        {
            int degree = train.UserOffsets[u + 1] - train.UserOffsets[u];
            userStep[u] = degree == 0 ? 0 : (float)System.Math.Pow(degree, -alpha);
        }
        var (filmOffsets, filmUsers) = Transpose(train);
        var penalties = new float[betas.Count][];
        for (int b = 0; b < betas.Count; b++)
        {
            penalties[b] = new float[films];
            for (int j = 0; j < films; j++)
                penalties[b][j] = train.FilmCounts[j] == 0 ? 0 : (float)System.Math.Pow(train.FilmCounts[j], -betas[b]);
        }
        var targets = new int[betas.Count][];
        var weights = new float[betas.Count][];
        var counts = new int[betas.Count][];
        for (int b = 0; b < betas.Count; b++)
        {
            targets[b] = new int[films * kept];
            weights[b] = new float[films * kept];
            counts[b] = new int[films];
        }
        Parallel.For(0, films, () => (Sums: new float[films], Touched: new List<int>(), Top: new ScoredFilm[kept]), (i, _, local) =>
        {
            int degree = filmOffsets[i + 1] - filmOffsets[i];
            if (degree == 0)
                return local;
            float filmStep = (float)System.Math.Pow(degree, -alpha);
            for (int p = filmOffsets[i]; p < filmOffsets[i + 1]; p++)
            {
                int u = filmUsers[p];
                float step = filmStep * userStep[u];
                foreach (int j in train.FilmsOf(u))
                {
                    if (local.Sums[j] == 0)
                        local.Touched.Add(j);
                    local.Sums[j] += step;
                }
            }
            for (int b = 0; b < betas.Count; b++)
            {
                var top = new TopN(local.Top);
                foreach (int j in local.Touched)
                {
                    if (j != i)
                        top.Offer(new ScoredFilm(j, local.Sums[j] * penalties[b][j], 0, 0));
                }
                int n = top.SortDescending();
                counts[b][i] = n;
                for (int t = 0; t < n; t++)
                {
                    targets[b][i * kept + t] = local.Top[t].Film;
                    weights[b][i * kept + t] = local.Top[t].Score;
                }
            }
            foreach (int j in local.Touched)
                local.Sums[j] = 0;
            local.Touched.Clear();
            return local;
        }, _ => { });
        var models = new Rp3BetaRanker[betas.Count];
        for (int b = 0; b < betas.Count; b++)
            models[b] = new Rp3BetaRanker(films, kept, alpha, betas[b], targets[b], weights[b], counts[b]);
        return models;
    }

    /// <summary>
    /// Chooses (α, β) from the grids by mean NDCG@<paramref name="k"/> over the trained users of
    /// <paramref name="validation"/> (a split carved from training ratings only); ties keep the earlier pair.
    /// </summary>
    public static (double Alpha, double Beta, double Ndcg) Select(EvalSplit validation, IReadOnlyList<double> alphas, IReadOnlyList<double> betas, int k, int neighbours = 100)
    {
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(alphas);
        (double Alpha, double Beta, double Ndcg) best = (alphas[0], betas[0], -1);
        foreach (double alpha in alphas)
        {
            foreach (var model in Fit(validation.Train, alpha, betas, neighbours))
            {
                double ndcg = Evaluator.Evaluate("rp3beta", model.AsRanker(), validation.Trained, k, validation.Train.FilmCount).Ndcg;
                if (ndcg > best.Ndcg)
                    best = (alpha, model.Beta, ndcg);
            }
        }
        return best;
    }

    /// <summary>Writes Σ over rated films i of W_ij for every film j into <paramref name="scores"/> (length <see cref="FilmCount"/>).</summary>
    public void Score(ReadOnlySpan<int> films, Span<float> scores)
    {
        scores[..FilmCount].Clear();
        foreach (int i in films)
        {
            int start = i * Neighbours;
            for (int t = 0; t < _counts[i]; t++)
                scores[_targets[start + t]] += _weights[start + t];
        }
    }

    /// <summary>This model as a ranker: the best-scoring films the person has not rated.</summary>
    public EvalRanker AsRanker() => (user, output) =>
    {
        var scores = new float[FilmCount];
        Score(user.Films, scores);
        return KnownFilmsExcluded.Top(scores, user.Films, output);
    };

    private static (int[] Offsets, int[] Users) Transpose(RatingsDataset train)
    {
        var offsets = new int[train.FilmCount + 1];
        foreach (int f in train.UserFilms)
            offsets[f + 1]++;
        for (int f = 0; f < train.FilmCount; f++)
            offsets[f + 1] += offsets[f];
        var fill = offsets[..^1].ToArray();
        var users = new int[train.RatingCount];
        for (int u = 0; u < train.UserCount; u++)
        {
            foreach (int f in train.FilmsOf(u))
                users[fill[f]++] = u;
        }
        return (offsets, users);
    }
}
