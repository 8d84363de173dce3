using Recs.Engine.Data;

namespace Recs.Engine.Model;

/// <summary>
/// The K most similar films of every film by cosine of their "rated by" columns, stored sparse (films×K ids and
/// weights, −1 padding; films×K×8 bytes of memory). <see cref="Regress"/> turns the cosines into ridge-regression
/// weights of each film on its own K neighbours (EASE restricted to the lists), which the scorer sums per candidate
/// over the neighbours the person rated: K look-ups per film at request time.
/// </summary>
public static class ItemNeighbours
{
    /// <summary>Films×K neighbour ids (−1 where a film has fewer than K co-rated films) and their cosine similarities.</summary>
    public static (int[] Films, float[] Similarities) Build(RatingsDataset data, int k)
    {
        ArgumentNullException.ThrowIfNull(data);
        int films = data.FilmCount;
        var ids = new int[films * k];
        var sims = new float[films * k];
        Array.Fill(ids, -1);
        if (k == 0)
            return (ids, sims);
        var co = new int[films];
        var touched = new List<int>();
        var best = new List<(float Sim, int Film)>();
        for (int i = 0; i < films; i++)
        {
            touched.Clear();
            foreach (int u in data.RatersOf(i))
            {
                foreach (int j in data.FilmsOf(u))
                {
                    if (co[j]++ == 0)
                        touched.Add(j);
                }
            }
            best.Clear();
            double ni = data.RatingCountOf(i);
            foreach (int j in touched)
            {
                if (j != i)
                    best.Add(((float)(co[j] / System.Math.Sqrt(ni * data.RatingCountOf(j))), j));
                co[j] = 0;
            }
            // Highest similarity first; ties by film index so training is deterministic.
            best.Sort((a, b) => a.Sim != b.Sim ? b.Sim.CompareTo(a.Sim) : a.Film.CompareTo(b.Film));
            for (int n = 0; n < System.Math.Min(k, best.Count); n++)
            {
                ids[i * k + n] = best[n].Film;
                sims[i * k + n] = best[n].Sim;
            }
        }
        return (ids, sims);
    }

    /// <summary>
    /// Replaces each film's neighbour similarities by ridge-regression weights: the film's "rated by" column regressed
    /// on the columns of its own K neighbours (binary ratings, penalty λ), i.e. EASE restricted to the neighbour list.
    /// A person's score for film f is then the sum of f's weights over the neighbours they rated.
    /// </summary>
    public static float[] Regress(RatingsDataset data, int[] ids, int k, double lambda)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(ids);
        int films = data.FilmCount;
        var weights = new float[films * k];
        if (k == 0)
            return weights;
        System.Threading.Tasks.Parallel.For(0, films,
            () => (Mark: new int[data.UserCount], Stamp: new int[1], Gram: new double[(k + 1) * (k + 1)], Set: new int[k + 1]),
            (j, _, scratch) =>
            {
                int m = 0;
                while (m < k && ids[j * k + m] >= 0)
                {
                    scratch.Set[m] = ids[j * k + m];
                    m++;
                }
                if (m == 0)
                    return scratch;
                scratch.Set[m] = j;
                int size = m + 1;
                var g = scratch.Gram;
                for (int a = 0; a < size; a++)
                {
                    int stamp = ++scratch.Stamp[0];
                    foreach (int u in data.RatersOf(scratch.Set[a]))
                        scratch.Mark[u] = stamp;
                    g[a * size + a] = data.RatingCountOf(scratch.Set[a]);
                    for (int b = a + 1; b < size; b++)
                    {
                        int c = 0;
                        foreach (int u in data.RatersOf(scratch.Set[b]))
                        {
                            if (scratch.Mark[u] == stamp)
                                c++;
                        }
                        g[a * size + b] = c;
                        g[b * size + a] = c;
                    }
                }
                // Cholesky of G_NN + λI (upper-left m×m) in place, then solve for the right-hand side G_Nj.
                for (int a = 0; a < m; a++)
                    g[a * size + a] += lambda;
                for (int a = 0; a < m; a++)
                {
                    for (int b = 0; b <= a; b++)
                    {
                        double sum = g[a * size + b];
                        for (int c = 0; c < b; c++)
                            sum -= g[a * size + c] * g[b * size + c];
                        g[a * size + b] = a == b ? System.Math.Sqrt(System.Math.Max(sum, 1e-12)) : sum / g[b * size + b];
                    }
                }
                Span<double> x = stackalloc double[m];
                for (int a = 0; a < m; a++)
                {
                    double sum = g[a * size + m];
                    for (int c = 0; c < a; c++)
                        sum -= g[a * size + c] * x[c];
                    x[a] = sum / g[a * size + a];
                }
                for (int a = m - 1; a >= 0; a--)
                {
                    double sum = x[a];
                    for (int c = a + 1; c < m; c++)
                        sum -= g[c * size + a] * x[c];
                    x[a] = sum / g[a * size + a];
                }
                for (int a = 0; a < m; a++)
                    weights[j * k + a] = (float)x[a];
                return scratch;
            },
            _ => { });
        return weights;
    }
}
