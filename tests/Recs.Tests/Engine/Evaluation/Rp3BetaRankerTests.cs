using Recs.Engine.Evaluation;

namespace Recs.Tests.Engine.Evaluation;

public sealed class Rp3BetaRankerTests
{
    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(0.6, 0.4)]
    public void Scores_equal_the_dense_three_step_walk_with_popularity_penalty(double alpha, double beta)
    {
        const int films = 10;
        var data = BaselineMatrices.Dataset(BaselineMatrices.Triples(20, films, 0.4, seed: 11), films);
        var x = BaselineMatrices.Dense(data);
        int users = data.UserCount;
        var userDegree = new double[users];
        var filmDegree = new double[films];
        for (int u = 0; u < users; u++)
            for (int f = 0; f < films; f++)
            {
                if (x[u, f] == 0)
                    continue;
                userDegree[u]++;
                filmDegree[f]++;
            }
        // W = (P_iu)^α (P_ui)^α, column j divided by deg(j)^β, diagonal dropped; nothing truncated with 100 ≥ films neighbours.
        var w = new double[films, films];
        for (int i = 0; i < films; i++)
            for (int j = 0; j < films; j++)
            {
                if (i == j || filmDegree[j] == 0)
                    continue;
                for (int u = 0; u < users; u++)
                {
                    if (x[u, i] != 0 && x[u, j] != 0)
                        w[i, j] += System.Math.Pow(1 / filmDegree[i], alpha) * System.Math.Pow(1 / userDegree[u], alpha);
                }
                w[i, j] /= System.Math.Pow(filmDegree[j], beta);
            }

        var model = Rp3BetaRanker.Fit(data, alpha, [beta], neighbours: 100)[0];
        var scores = new float[films];
        for (int u = 0; u < users; u++)
        {
            model.Score(data.FilmsOf(u), scores);
            for (int j = 0; j < films; j++)
            {
                double expected = 0;
                for (int i = 0; i < films; i++)
                    expected += (x[u, i] != 0 ? 1 : 0) * w[i, j];
                Assert.True(System.Math.Abs(expected - scores[j]) < 1e-5 * (1 + expected),
                    $"α {alpha}, β {beta}, user {u}, film {j}: RP3β scored {scores[j]}, the dense reference {expected}");
            }
        }
    }

    [Fact]
    public void Only_the_strongest_neighbours_of_each_film_are_kept()
    {
        const int films = 12;
        var data = BaselineMatrices.Dataset(BaselineMatrices.Triples(30, films, 0.5, seed: 5), films);
        var full = Rp3BetaRanker.Fit(data, 1.0, [0.0], neighbours: 100)[0];
        var pruned = Rp3BetaRanker.Fit(data, 1.0, [0.0], neighbours: 3)[0];
        var all = new float[films];
        var top = new float[films];
        for (int i = 0; i < films; i++)
        {
            full.Score([i], all);
            pruned.Score([i], top);
            var strongest = Enumerable.Range(0, films).Where(j => j != i).OrderByDescending(j => all[j]).Take(3).ToHashSet();
            for (int j = 0; j < films; j++)
            {
                float expected = strongest.Contains(j) ? all[j] : 0f;
                Assert.True(System.Math.Abs(expected - top[j]) < 1e-6, $"film {i} → {j}: kept weight {top[j]}, expected {expected}");
            }
        }
    }
}
