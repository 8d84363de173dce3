namespace Recs.Math.Tests;

public sealed class SilhouetteScorerTests
{
    private static double BruteForce(float[] points, int d, int[] labels, IReadOnlyList<int> sample) =>
        sample.Sum(i => BruteForcePoint(points, d, labels, sample, i)) / sample.Count;

    private static double BruteForcePoint(float[] points, int d, int[] labels, IReadOnlyList<int> sample, int i)
    {
        var own = sample.Where(j => j != i && labels[j] == labels[i]).ToList();
        if (own.Count == 0)
            return 0; // singleton
        double a = own.Average(j => Distance(points, d, i, j));
        double b = sample.Where(j => labels[j] != labels[i]).GroupBy(j => labels[j]).Min(g => g.Average(j => Distance(points, d, i, j)));
        return (b - a) / System.Math.Max(a, b);
    }

    private static double Distance(float[] p, int d, int i, int j) =>
        System.Math.Sqrt(Enumerable.Range(0, d).Sum(t => System.Math.Pow((double)p[i * d + t] - p[j * d + t], 2)));

    [Fact]
    public void Full_sample_matches_brute_force_including_singletons()
    {
        var (points, truth) = Blobs.Generate(200, 5, 4, 1.5, 4.0, 7);
        var labels = truth.ToArray();
        labels[0] = 4; // a singleton cluster
        labels[1] = 5; // another one
        var scorer = new SilhouetteScorer(points, 5, sampleSize: 1000, seed: 1);
        double expected = BruteForce(points, 5, labels, Enumerable.Range(0, 200).ToList());
        Assert.Equal(expected, scorer.Score(labels), 5);
    }

    [Fact]
    public void Sampled_score_matches_brute_force_on_the_same_sample_for_many_labellings()
    {
        var (points, truth) = Blobs.Generate(600, 3, 5, 1.0, 3.0, 8);
        var scorer = new SilhouetteScorer(points, 3, sampleSize: 150, seed: 9);
        var sample = scorer.SampleIndices.ToArray();
        Assert.Equal(150, sample.Distinct().Count());
        var random = new Random(10);
        for (int trial = 0; trial < 3; trial++)
        {
            var labels = trial == 0 ? truth : truth.Select(t => random.Next(2 + trial)).ToArray();
            double expected = BruteForce(points, 3, labels, sample);
            Assert.Equal(expected, scorer.Score(labels), 5);
        }
    }

    [Theory]
    [InlineData(3, 1, 2)]
    [InlineData(4, 2, 2)]
    [InlineData(17, 3, 3)]
    [InlineData(300, 8, 5)]
    [InlineData(2000, 64, 20)]
    public void Score_equals_the_full_distance_matrix_to_the_last_bit(int sampleSize, int dimensions, int clusters)
    {
        var (points, truth) = Blobs.Generate(sampleSize + 37, dimensions, clusters, 1.0, 2.0, sampleSize);
        var scorer = new SilhouetteScorer(points, dimensions, sampleSize, seed: 3);
        var sample = scorer.SampleIndices.ToArray();
        var random = new Random(sampleSize);
        var labellings = new[] { truth, truth.Select(_ => random.Next(clusters)).ToArray(), truth.Select((t, i) => i == sample[0] ? clusters : t).ToArray() };
        int compared = 0;
        foreach (var labels in labellings)
        {
            int present = sample.Select(p => labels[p]).Distinct().Count();
            if (present < 2 || present > sampleSize - 1)
                continue;
            compared++;
            double expected = FullMatrixSilhouette.Score(points, dimensions, sample, labels);
            double actual = scorer.Score(labels);
            Assert.True(expected.Equals(actual), $"sample {sampleSize}: {actual:R} from the triangle, {expected:R} from the full matrix");
        }
        Assert.True(compared > 0, $"sample {sampleSize}: no labelling had between 2 and {sampleSize - 1} clusters");
    }

    [Fact]
    public void Per_label_scores_are_the_brute_force_means_over_each_labels_sampled_points()
    {
        // Blobs of different spreads, so the labels' means differ and a value written to the wrong label would show.
        var (points, truth) = Blobs.Generate(500, 4, 4, 1.0, 3.0, 12);
        var random = new Random(13);
        for (int i = 0; i < truth.Length; i++)
        {
            for (int t = 0; t < 4; t++)
                points[i * 4 + t] += (float)(truth[i] * (random.NextDouble() - 0.5));
        }
        var labels = truth.ToArray();
        labels[7] = 6; // a label with one point, likely outside the sample of 160
        var scorer = new SilhouetteScorer(points, 4, sampleSize: 160, seed: 14);
        var sample = scorer.SampleIndices.ToArray();
        var perLabel = new double[8];
        double overall = scorer.ScoreByLabel(labels, perLabel);
        Assert.Equal(BruteForce(points, 4, labels, sample), overall, 5);
        for (int c = 0; c < perLabel.Length; c++)
        {
            var members = sample.Where(i => labels[i] == c).ToList();
            if (members.Count == 0)
            {
                Assert.True(double.IsNaN(perLabel[c]), $"label {c} has no sampled point but scores {perLabel[c]}");
                continue;
            }
            double expected = members.Average(i => BruteForcePoint(points, 4, labels, sample, i));
            Assert.True(System.Math.Abs(expected - perLabel[c]) < 1e-5, $"label {c}: {perLabel[c]:F6}, brute force {expected:F6}");
        }
        var distinct = perLabel.Take(4).Distinct().Count();
        Assert.True(distinct == 4, $"blobs of different spreads should score differently: {string.Join(", ", perLabel)}");
        Assert.Throws<ArgumentException>(() => scorer.ScoreByLabel(labels, new double[2]));
    }

    [Theory]
    [InlineData(250, 6, 40)]
    [InlineData(900, 24, 600)]
    [InlineData(2100, 80, 2000)]
    public void Scoring_labellings_in_one_pass_gives_the_doubles_each_scored_alone_gives(int n, int dimensions, int sampleSize)
    {
        var (points, truth) = Blobs.Generate(n, dimensions, 5, 1.0, 2.5, n);
        var random = new Random(n + 1);
        var labellings = new[]
        {
            truth,
            truth.Select(_ => random.Next(3)).ToArray(),
            new int[n], // one label only: undefined
            truth.Select((t, i) => i % 7 == 0 ? 5 + i % 3 : t).ToArray(),
            truth.Select((_, i) => i).ToArray(), // every point its own label: undefined
            truth.Select(t => t % 2).ToArray(),
        };
        bool[] undefined = [false, false, true, false, true, false];
        var oneAtATime = new SilhouetteScorer(points, dimensions, sampleSize, seed: 4);
        var together = new SilhouetteScorer(points, dimensions, sampleSize, seed: 4);

        var scores = new double[labellings.Length];
        var perLabel = labellings.Select(labels => Enumerable.Repeat(-7.0, labels.Max() + 2).ToArray()).ToArray();
        together.TryScoreEach(labellings.Select(labels => (ReadOnlyMemory<int>)labels).ToArray(), scores,
            perLabel.Select(means => (Memory<double>)means).ToArray());

        for (int k = 0; k < labellings.Length; k++)
        {
            var alone = new double[perLabel[k].Length];
            double expected = oneAtATime.TryScore(labellings[k], alone);
            Assert.True(double.IsNaN(scores[k]) == undefined[k], $"labelling {k}: score {scores[k]}, expected undefined: {undefined[k]}");
            Assert.True(expected.Equals(scores[k]), $"labelling {k}: {scores[k]:R} in one pass, {expected:R} alone");
            if (undefined[k])
            {
                Assert.All(perLabel[k], mean => Assert.Equal(-7.0, mean));
                continue;
            }
            for (int c = 0; c < alone.Length; c++)
                Assert.True(alone[c].Equals(perLabel[k][c]), $"labelling {k}, label {c}: {perLabel[k][c]:R} in one pass, {alone[c]:R} alone");
            // Scoring alone is itself pinned to the full distance matrix, so the pass is too.
            Assert.True(FullMatrixSilhouette.Score(points, dimensions, oneAtATime.SampleIndices.ToArray(), labellings[k]).Equals(scores[k]),
                $"labelling {k}: {scores[k]:R} in one pass differs from the full distance matrix");
        }
    }

    [Fact]
    public void Scoring_in_one_pass_checks_every_labelling_before_any_work()
    {
        var (points, truth) = Blobs.Generate(60, 2, 3, 1.0, 3.0, 5);
        var scorer = new SilhouetteScorer(points, 2, 30, 6);
        var negative = truth.Select((t, i) => i == scorer.SampleIndices[0] ? -1 : t).ToArray();
        var scores = new double[2];
        Assert.Throws<ArgumentException>(() => scorer.TryScoreEach(new ReadOnlyMemory<int>[] { truth, negative }, scores, []));
        Assert.Throws<ArgumentException>(() => scorer.TryScoreEach(new ReadOnlyMemory<int>[] { truth, truth[1..] }, scores, []));
        Assert.Throws<ArgumentException>(() => scorer.TryScoreEach(new ReadOnlyMemory<int>[] { truth }, scores, []));
        Assert.Throws<ArgumentException>(() =>
            scorer.TryScoreEach(new ReadOnlyMemory<int>[] { truth, truth }, scores, new Memory<double>[] { new double[3], new double[1] }));
        // A failed call hands its buffers back: the scorer still scores.
        Assert.Equal(scorer.Score(truth), scorer.TryScore(truth));
    }

    [Fact]
    public void Single_cluster_labelling_is_rejected()
    {
        var scorer = new SilhouetteScorer(new float[] { 0, 1, 2, 3 }, 1, 10, 0);
        var error = Assert.Throws<ArgumentException>(() => scorer.Score([0, 0, 0, 0]));
        Assert.Contains("distinct labels", error.Message);
    }

    [Fact]
    public void Non_finite_points_are_rejected() =>
        Assert.Throws<ArgumentException>(() => new SilhouetteScorer(new float[] { 0, float.NaN }, 1, 10, 0));
}
