using Recs.Engine.Evaluation;

namespace Recs.Tests.Engine.Evaluation;

public sealed class EaseRankerTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(25.0)]
    public void Scores_equal_the_dense_closed_form_on_a_small_matrix(double lambda)
    {
        const int films = 10;
        var data = BaselineMatrices.Dataset(BaselineMatrices.Triples(25, films, 0.4, seed: 13), films);
        var x = Binary(BaselineMatrices.Dense(data));
        int users = data.UserCount;
        // P = (XᵀX + λI)⁻¹ by Gauss–Jordan; B_ij = −P_ij / P_jj, zero diagonal.
        var g = new double[films, films];
        for (int i = 0; i < films; i++)
            for (int j = 0; j < films; j++)
            {
                for (int u = 0; u < users; u++)
                    g[i, j] += x[u, i] * x[u, j];
                if (i == j)
                    g[i, j] += lambda;
            }
        var p = Inverse(g);
        var b = new double[films, films];
        for (int i = 0; i < films; i++)
            for (int j = 0; j < films; j++)
                b[i, j] = i == j ? 0 : -p[i, j] / p[j, j];

        var model = EaseRanker.Fit(data, lambda, itemCap: 100);
        Assert.Equal(Enumerable.Range(0, films).Where(f => data.FilmCounts[f] > 0), model.Items.ToArray());
        var scores = new float[films];
        for (int u = 0; u < users; u++)
        {
            model.Score(data.FilmsOf(u), scores);
            for (int j = 0; j < films; j++)
            {
                if (data.FilmCounts[j] == 0)
                {
                    Assert.True(float.IsNegativeInfinity(scores[j]), $"film {j} has no rating but scored {scores[j]}");
                    continue;
                }
                double expected = 0;
                for (int i = 0; i < films; i++)
                    expected += x[u, i] * b[i, j];
                Assert.True(System.Math.Abs(expected - scores[j]) < 1e-5 * (1 + System.Math.Abs(expected)),
                    $"λ {lambda}, user {u}, film {j}: EASE scored {scores[j]}, the dense closed form {expected}");
            }
        }
    }

    [Fact]
    public void Films_outside_the_cap_are_never_recommended()
    {
        const int films = 16, cap = 5;
        var data = BaselineMatrices.Dataset(BaselineMatrices.Triples(40, films, 0.45, seed: 3), films);
        var mostRated = Enumerable.Range(0, films).OrderByDescending(f => data.FilmCounts[f]).ThenBy(f => f).Take(cap).ToHashSet();

        var model = EaseRanker.Fit(data, 10, itemCap: cap);

        Assert.True(mostRated.SetEquals(model.Items.ToArray()), $"model films {string.Join(",", model.Items.ToArray())}, most rated {string.Join(",", mostRated)}");
        var ranker = model.AsRanker();
        var output = new Recs.Engine.Recommendation.ScoredFilm[10];
        for (int u = 0; u < data.UserCount; u++)
        {
            var known = data.FilmsOf(u).ToArray();
            var user = new EvalUser(known, data.StarsOf(u), [], u);
            int n = ranker(user, output);
            for (int i = 0; i < n; i++)
            {
                Assert.True(mostRated.Contains(output[i].Film), $"user {u} was recommended film {output[i].Film}, outside the {cap} most rated");
                Assert.DoesNotContain(output[i].Film, known);
            }
        }
    }

    [Fact]
    public void Lambda_choice_never_reads_test_ratings()
    {
        var ratings = BaselineMatrices.Triples(60, 40, 0.5, seed: 21);
        var split = HoldoutSplitter.Split(ratings, 0.2, seed: 2);
        var train = new HashSet<(string, string)>();
        for (int u = 0; u < split.Train.UserCount; u++)
            foreach (int f in split.Train.FilmsOf(u))
                train.Add((split.Train.Users[u], split.Train.Films[f].Slug));
        // Same ratings, but every held-out (test) rating flipped between liked and disliked: the split shuffles
        // without looking at stars, so training is unchanged and only the test relevance differs.
        var flipped = ratings.Select(r => train.Contains((r.User, r.Film)) ? r : r with { Stars = r.Stars >= 4 ? 1f : 5f }).ToList();
        var other = HoldoutSplitter.Split(flipped, 0.2, seed: 2);
        double[] grid = [1, 10, 100];

        var chosen = EaseRanker.Select(HoldoutSplitter.Validation(split.Train, 0.2, seed: 3), grid, 10);
        var chosenAgain = EaseRanker.Select(HoldoutSplitter.Validation(other.Train, 0.2, seed: 3), grid, 10);

        Assert.True(chosen == chosenAgain, $"changing only test ratings moved the validation choice from {chosen} to {chosenAgain}");
        var relevant = split.Trained.Sum(u => u.Relevant.Length);
        var relevantAgain = other.Trained.Sum(u => u.Relevant.Length);
        Assert.True(relevant != relevantAgain, "the flip did not change the test relevance, so the test proves nothing");
    }

    private static double[,] Binary(double[,] stars)
    {
        var x = (double[,])stars.Clone();
        for (int u = 0; u < x.GetLength(0); u++)
            for (int f = 0; f < x.GetLength(1); f++)
                x[u, f] = x[u, f] != 0 ? 1 : 0;
        return x;
    }

    private static double[,] Inverse(double[,] a)
    {
        int n = a.GetLength(0);
        var w = new double[n, 2 * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
                w[i, j] = a[i, j];
            w[i, n + i] = 1;
        }
        for (int col = 0; col < n; col++)
        {
            double p = w[col, col];
            for (int c = 0; c < 2 * n; c++)
                w[col, c] /= p;
            for (int r = 0; r < n; r++)
            {
                if (r == col)
                    continue;
                double f = w[r, col];
                for (int c = 0; c < 2 * n; c++)
                    w[r, c] -= f * w[col, c];
            }
        }
        var inverse = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                inverse[i, j] = w[i, n + j];
        return inverse;
    }
}
