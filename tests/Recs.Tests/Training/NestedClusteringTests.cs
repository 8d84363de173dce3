using Recs.Math;

namespace Recs.Tests.Training;

public sealed class NestedClusteringTests
{
    // Two top-level clusters far apart, each holding three planted sub-groups of 60 points around their own centres.
    private static (float[] Points, int[] TopLabels, int[] Planted) Planted(int dimensions = 8)
    {
        var random = new Random(11);
        var points = new List<float>();
        var top = new List<int>();
        var planted = new List<int>();
        for (int c = 0; c < 2; c++)
        {
            for (int s = 0; s < 3; s++)
            {
                var centre = new float[dimensions];
                centre[0] = c * 40f;
                centre[1 + s] = 8f;
                for (int i = 0; i < 60; i++)
                {
                    for (int d = 0; d < dimensions; d++)
                        points.Add(centre[d] + (float)(random.NextDouble() - 0.5));
                    top.Add(c);
                    planted.Add(c * 3 + s);
                }
            }
        }
        return ([.. points], [.. top], [.. planted]);
    }

    private static readonly NestedClusteringOptions Options = new() { MaxGroupSize = 1000, MaxSubClusters = 6, SilhouetteSampleSize = 120, Seed = 3 };

    [Fact]
    public void Every_member_sits_at_its_nearest_sub_centroid_of_its_own_cluster_and_sizes_sum_to_the_cluster()
    {
        var (points, top, _) = Planted();
        var result = NestedClustering.Split(points, 8, top, 2, Options);
        for (int c = 0; c < 2; c++)
        {
            int members = top.Count(l => l == c);
            int inGroups = result.Labels.Count(g => g >= result.GroupOffsets[c] && g < result.GroupOffsets[c + 1]);
            Assert.Equal(members, inGroups);
        }
        for (int i = 0; i < top.Length; i++)
        {
            int c = top[i], own = result.Labels[i];
            Assert.InRange(own, result.GroupOffsets[c], result.GroupOffsets[c + 1] - 1);
            double ownDistance = Distance(points, i, result.Centroids, own, 8);
            for (int g = result.GroupOffsets[c]; g < result.GroupOffsets[c + 1]; g++)
                Assert.True(ownDistance <= Distance(points, i, result.Centroids, g, 8) + 1e-4, $"point {i} is nearer group {g} than its own group {own}");
        }
    }

    [Fact]
    public void The_planted_sub_groups_are_found_and_the_silhouette_is_reproducible_from_the_seed()
    {
        var (points, top, planted) = Planted();
        var result = NestedClustering.Split(points, 8, top, 2, Options);
        Assert.Equal([0, 3, 6], result.GroupOffsets);
        // Each found group holds exactly one planted sub-group.
        for (int g = 0; g < result.GroupCount; g++)
            Assert.Single(Enumerable.Range(0, top.Length).Where(i => result.Labels[i] == g).Select(i => planted[i]).Distinct());
        var again = NestedClustering.Split(points, 8, top, 2, Options);
        Assert.Equal(result.Silhouettes, again.Silhouettes);
        Assert.Equal(result.Labels, again.Labels);
        Assert.All(result.Silhouettes, s => Assert.True(s > 0.5, $"planted groups should separate well, silhouette {s}"));
    }

    [Fact]
    public void The_size_rule_cuts_a_cluster_into_enough_groups_to_average_at_most_the_maximum()
    {
        var (points, top, _) = Planted();
        var result = NestedClustering.Split(points, 8, top, 2, Options with { MaxGroupSize = 20 });
        // 180 members and at most 20 a group on average: at least 9 groups each, even though 3 are planted.
        Assert.Equal(9, result.GroupOffsets[1]);
        Assert.Equal(18, result.GroupCount);
        Assert.Equal((9, 9), NestedClustering.SubCountRange(180, Options with { MaxGroupSize = 20 }));
        Assert.Equal((2, 6), NestedClustering.SubCountRange(180, Options));
        Assert.Equal((0, 0), NestedClustering.SubCountRange(3, Options));
    }

    [Fact]
    public void With_every_member_in_the_sample_each_clusters_silhouette_equals_a_brute_force_silhouette_of_its_groups()
    {
        var (points, top, _) = Planted();
        // Noisier sub-groups than planted, so the silhouette is far from 1 and a wrong formula would show.
        var random = new Random(5);
        for (int i = 0; i < points.Length; i++)
            points[i] += (float)(6 * (random.NextDouble() - 0.5));
        var result = NestedClustering.Split(points, 8, top, 2, Options with { SilhouetteSampleSize = 1000 });
        for (int c = 0; c < 2; c++)
        {
            int[] members = [.. Enumerable.Range(0, top.Length).Where(i => top[i] == c)];
            double expected = BruteForceSilhouette(points, 8, members, [.. members.Select(i => result.Labels[i])]);
            Assert.True(System.Math.Abs(expected - result.Silhouettes[c]) < 1e-4,
                $"cluster {c}: silhouette {result.Silhouettes[c]:F6}, brute force {expected:F6}");
            Assert.InRange(expected, 0.05, 0.95);
        }
    }

    [Fact]
    public void Each_groups_silhouette_is_the_brute_force_mean_over_its_members_within_its_clusters_split()
    {
        var (points, top, planted) = Planted();
        // Sub-group s of each cluster gets noise growing with s, so the groups of one split differ in how well they
        // stand apart and a per-cluster figure copied to every group would fail.
        var random = new Random(9);
        for (int i = 0; i < top.Length; i++)
        {
            double noise = 2.0 + 3.0 * (planted[i] % 3);
            for (int d = 0; d < 8; d++)
                points[i * 8 + d] += (float)(noise * (random.NextDouble() - 0.5));
        }
        var result = NestedClustering.Split(points, 8, top, 2, Options with { SilhouetteSampleSize = 1000 });
        Assert.Equal(result.GroupCount, result.GroupSilhouettes.Length);
        for (int c = 0; c < 2; c++)
        {
            int[] members = [.. Enumerable.Range(0, top.Length).Where(i => top[i] == c)];
            int[] labels = [.. members.Select(i => result.Labels[i])];
            var perPoint = BruteForcePointSilhouettes(points, 8, members, labels);
            var own = new List<double>();
            for (int g = result.GroupOffsets[c]; g < result.GroupOffsets[c + 1]; g++)
            {
                double expected = Enumerable.Range(0, members.Length).Where(x => labels[x] == g).Average(x => perPoint[x]);
                Assert.True(System.Math.Abs(expected - result.GroupSilhouettes[g]) < 1e-4,
                    $"group {g}: silhouette {result.GroupSilhouettes[g]:F6}, brute force over its members {expected:F6}");
                own.Add(result.GroupSilhouettes[g]);
            }
            Assert.True(own.Max() - own.Min() > 0.05,
                $"cluster {c}: groups of different spread should score differently, got {string.Join(", ", own.Select(v => v.ToString("F4")))}");
        }
    }

    [Fact]
    public void Well_separated_groups_score_high_and_a_cluster_left_whole_has_no_group_silhouette()
    {
        var (points, top, _) = Planted();
        // A third cluster of three points stays one group.
        float[] extra = new float[3 * 8];
        for (int i = 0; i < 3; i++)
            extra[i * 8] = 100f + i;
        int[] labels = [.. top, 2, 2, 2];
        float[] all = [.. points, .. extra];
        var result = NestedClustering.Split(all, 8, labels, 3, Options);
        Assert.Equal(7, result.GroupCount);
        for (int g = 0; g < 6; g++)
            Assert.True(result.GroupSilhouettes[g] > 0.5, $"planted group {g} should separate well, silhouette {result.GroupSilhouettes[g]}");
        Assert.True(double.IsNaN(result.GroupSilhouettes[6]), $"the unsplit cluster's group scored {result.GroupSilhouettes[6]}");
        Assert.True(double.IsNaN(result.Silhouettes[2]));
    }

    [Fact]
    public void Every_group_is_non_empty_and_labels_cover_exactly_the_groups_of_each_cluster()
    {
        var (points, top, _) = Planted();
        var result = NestedClustering.Split(points, 8, top, 2, Options with { MaxGroupSize = 25 });
        var sizes = new int[result.GroupCount];
        foreach (int g in result.Labels)
            sizes[g]++;
        Assert.All(sizes, s => Assert.True(s > 0, "a group without members"));
        // Average size at most the cap: the size rule, checked by counting rather than by SubCountRange.
        for (int c = 0; c < 2; c++)
        {
            int groups = result.GroupOffsets[c + 1] - result.GroupOffsets[c];
            Assert.True(180.0 / groups <= 25, $"cluster {c}: 180 members in {groups} groups");
        }
    }

    private static double BruteForceSilhouette(float[] points, int d, int[] members, int[] labels) =>
        BruteForcePointSilhouettes(points, d, members, labels).Average();

    // The textbook silhouette in double precision: s(i) = (b − a) / max(a, b) with a the mean distance to the other
    // members of i's group and b the least mean distance to another group; 0 for a point alone in its group.
    private static double[] BruteForcePointSilhouettes(float[] points, int d, int[] members, int[] labels)
    {
        var silhouettes = new double[members.Length];
        for (int x = 0; x < members.Length; x++)
        {
            var sums = new Dictionary<int, (double Sum, int Count)>();
            for (int y = 0; y < members.Length; y++)
            {
                if (x == y)
                    continue;
                double distance = System.Math.Sqrt(Distance(points, members[x], points, members[y], d));
                var (sum, count) = sums.GetValueOrDefault(labels[y]);
                sums[labels[y]] = (sum + distance, count + 1);
            }
            if (!sums.TryGetValue(labels[x], out var own))
                continue;
            double a = own.Sum / own.Count;
            double b = sums.Where(kv => kv.Key != labels[x]).Min(kv => kv.Value.Sum / kv.Value.Count);
            silhouettes[x] = (b - a) / System.Math.Max(a, b);
        }
        return silhouettes;
    }

    private static double Distance(float[] points, int i, float[] centroids, int g, int d)
    {
        double sum = 0;
        for (int j = 0; j < d; j++)
        {
            double diff = points[i * d + j] - centroids[g * d + j];
            sum += diff * diff;
        }
        return sum;
    }
}
