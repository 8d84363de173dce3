using Recs.Engine.Evaluation;

namespace Recs.Tests.Engine.Evaluation;

public sealed class PureSvdRankerTests
{
    [Fact]
    public void Scores_equal_the_projection_onto_the_leading_eigenvectors_of_the_dense_gram_matrix()
    {
        const int films = 12, rank = 4;
        var data = BaselineMatrices.Dataset(BaselineMatrices.Triples(30, films, 0.4, seed: 7), films);
        var x = BaselineMatrices.Dense(data);

        // Reference: V from the eigenvectors of XᵀX (its SVD, as it is symmetric positive semi-definite), by dense Jacobi.
        var gram = new double[films, films];
        for (int a = 0; a < films; a++)
            for (int b = 0; b < films; b++)
                for (int u = 0; u < data.UserCount; u++)
                    gram[a, b] += x[u, a] * x[u, b];
        var vectors = DenseEigen.Vectors(gram);

        var model = PureSvdRanker.Fit(data, rank);
        var scores = new float[films];
        for (int u = 0; u < data.UserCount; u++)
        {
            model.Score(data.FilmsOf(u), data.StarsOf(u), scores);
            for (int f = 0; f < films; f++)
            {
                double expected = 0;
                for (int c = 0; c < rank; c++)
                {
                    double projection = 0;
                    for (int g = 0; g < films; g++)
                        projection += x[u, g] * vectors[g, c];
                    expected += projection * vectors[f, c];
                }
                Assert.True(System.Math.Abs(expected - scores[f]) < 1e-3 * (1 + System.Math.Abs(expected)),
                    $"user {u}, film {f}: PureSVD scored {scores[f]}, the dense reference {expected}");
            }
        }
    }

    [Fact]
    public void Ranker_never_returns_a_film_the_person_rated()
    {
        const int films = 15;
        var data = BaselineMatrices.Dataset(BaselineMatrices.Triples(25, films, 0.5, seed: 3), films);
        var ranker = PureSvdRanker.Fit(data, 5).AsRanker();
        var output = new Recs.Engine.Recommendation.ScoredFilm[films];
        for (int u = 0; u < data.UserCount; u++)
        {
            var user = new EvalUser(data.FilmsOf(u).ToArray(), data.StarsOf(u).ToArray(), [0], u);
            int n = ranker(user, output);
            Assert.Equal(films - user.Films.Length, n);
            for (int i = 0; i < n; i++)
                Assert.True(Array.BinarySearch(user.Films, output[i].Film) < 0, $"user {u} was recommended rated film {output[i].Film}");
        }
    }
}
