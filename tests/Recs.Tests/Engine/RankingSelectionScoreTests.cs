using Recs.Engine.Evaluation;
using Recs.Engine.Model;
using Recs.Math;

namespace Recs.Tests.Engine;

/// <summary>
/// The validation score the ranking choice maximises, against a brute-force twin in doubles: the held-out person's
/// query from their kept ratings, every film scored and unscaled, their kept films masked, the top ten by NDCG@10.
/// </summary>
public sealed class RankingSelectionScoreTests
{
    [Fact]
    public void The_validation_score_is_the_mean_ndcg_of_the_brute_force_lists()
    {
        const int users = 40, films = 60, stored = 7, rank = 5;
        var random = new Random(23);
        var pointers = new int[users + 1];
        var columns = new List<int>();
        var codes = new List<byte>();
        var held = new List<(int User, int[] Relevant)>();
        for (int u = 0; u < users; u++)
        {
            var relevant = new List<int>();
            for (int f = 0; f < films; f++)
            {
                if (random.NextDouble() > 0.3)
                    continue;
                columns.Add(f);
                // A zero is a held-out rating: stored, but neither in the query nor masked.
                byte code = random.NextDouble() < 0.2 ? (byte)0 : (byte)random.Next(1, 11);
                codes.Add(code);
                if (code == 0 && random.NextDouble() < 0.7)
                    relevant.Add(f);
            }
            pointers[u + 1] = columns.Count;
            if (relevant.Count > 0 && u % 3 != 2)
                held.Add((u, relevant.ToArray()));
        }
        var scales = Enumerable.Range(0, films).Select(_ => (float)(0.2 + random.NextDouble())).ToArray();
        var v = Enumerable.Range(0, films * stored).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var pattern = SparsePattern.RowsOnly(users, films, pointers, columns.ToArray());
        var matrix = CodedSparseMatrix.Create(pattern, codes.ToArray(), 0.5f, columnScales: scales);
        Assert.NotEmpty(held);

        double expected = 0;
        foreach (var (user, relevant) in held)
        {
            var q = new double[rank];
            var kept = new HashSet<int>();
            for (int p = pointers[user]; p < pointers[user + 1]; p++)
            {
                double value = 0.5 * codes[p] * scales[columns[p]];
                for (int d = 0; d < rank; d++)
                    q[d] += value * v[columns[p] * stored + d];
                if (codes[p] != 0)
                    kept.Add(columns[p]);
            }
            var list = Enumerable.Range(0, films).Where(f => !kept.Contains(f))
                .Select(f => (Film: f, Score: Enumerable.Range(0, rank).Sum(d => q[d] * v[f * stored + d]) / scales[f]))
                .OrderByDescending(s => s.Score).ThenBy(s => s.Film).Take(10).Select(s => s.Film).ToArray();
            expected += ListMetrics.Ndcg(list, relevant, 10);
        }
        expected /= held.Count;

        double actual = RankingSelection.Score(matrix, v, stored, rank, scales, held);
        Assert.True(expected > 0, "the case has no hit at all, so it could not tell a wrong list from a right one");
        Assert.True(System.Math.Abs(actual - expected) < 1e-9, $"score {actual}, brute force {expected}");
    }
}
