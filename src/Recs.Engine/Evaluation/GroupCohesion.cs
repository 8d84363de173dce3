using System.Numerics.Tensors;
using Recs.Engine.Data;
using Recs.Engine.Model;

namespace Recs.Engine.Evaluation;

/// <summary>
/// Measures whether taste groups hold people who are more alike than people drawn at random. Two measures per pair:
/// the cosine of the users' rows of U·Σ (the space the groups are cut in; 0 for a zero row), and the Jaccard index of the sets of films
/// each rated 4★ or more, which the clustering never saw as such. Pairs are drawn with a seeded generator: a within-group
/// pair is a uniformly drawn user (among those whose group has another member) and another member of their group; a
/// within-cluster pair likewise inside the top-level cluster; a random pair is two distinct users drawn uniformly.
/// </summary>
public static class GroupCohesion
{
    /// <summary>
    /// Draws <paramref name="pairs"/> pairs of each kind from the trained users of <paramref name="model"/> (whose rows
    /// are the users of <paramref name="data"/>). Throws ArgumentException when the model has no taste groups or the
    /// two disagree on the number of users.
    /// </summary>
    public static GroupCohesionReport Measure(TrainedModel model, RatingsDataset data, int pairs, int seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var groups = model.Groups ?? throw new ArgumentException("the model was trained without taste groups", nameof(model));
        int users = groups.Labels.Length;
        if (users != data.UserCount || users < 2)
            throw new ArgumentException($"the model has {users} users and the data {data.UserCount}; both must agree and exceed 1", nameof(data));
        ArgumentOutOfRangeException.ThrowIfLessThan(pairs, 1);

        var taste = TasteRows(model, users);
        var liked = LikedFilms(data);
        var byGroup = MembersOf(groups.Labels, groups.GroupCount);
        var byCluster = MembersOf(model.Labels, model.ClusterCount);
        var sizes = groups.Sizes.Where(s => s > 0).Order().ToArray();
        double median = sizes.Length % 2 == 1 ? sizes[sizes.Length / 2] : (sizes[sizes.Length / 2 - 1] + sizes[sizes.Length / 2]) / 2.0;
        return new GroupCohesionReport(sizes.Length, sizes[0], median, sizes[^1],
            Sample(taste, model.TasteRank, liked, pairs, new Random(seed), u => byGroup[groups.Labels[u]]),
            Sample(taste, model.TasteRank, liked, pairs, new Random(seed + 1), u => byCluster[model.Labels[u]]),
            Sample(taste, model.TasteRank, liked, pairs, new Random(seed + 2), null));
    }

    /// <summary>|a ∩ b| / |a ∪ b| of two ascending sets; 0 when both are empty.</summary>
    public static double Jaccard(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                common++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
                i++;
            else
                j++;
        }
        int union = a.Length + b.Length - common;
        return union == 0 ? 0 : (double)common / union;
    }

    // Draws pairs: the first user uniformly among those with a partner available, the second uniformly among the
    // first's pool (their group or cluster; everyone when pool is null) other than the first.
    private static PairSimilarity Sample(float[] taste, int rank, int[][] liked, int pairs, Random random, Func<int, int[]>? pool)
    {
        int users = liked.Length;
        double cosines = 0, jaccards = 0;
        int drawn = 0;
        for (int attempt = 0; drawn < pairs && attempt < 100 * pairs; attempt++)
        {
            int u = random.Next(users);
            int v;
            if (pool is null)
                v = random.Next(users);
            else
            {
                var members = pool(u);
                if (members.Length < 2)
                    continue;
                v = members[random.Next(members.Length)];
            }
            if (v == u)
                continue;
            cosines += Cosine(taste.AsSpan(u * rank, rank), taste.AsSpan(v * rank, rank));
            jaccards += Jaccard(liked[u], liked[v]);
            drawn++;
        }
        return new PairSimilarity(drawn, drawn == 0 ? double.NaN : cosines / drawn, drawn == 0 ? double.NaN : jaccards / drawn);
    }

    // A user who rated everything at their own mean has a zero row and no taste direction: similarity 0 to anyone.
    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float norms = TensorPrimitives.Norm(a) * TensorPrimitives.Norm(b);
        return norms > 0 ? TensorPrimitives.Dot(a, b) / norms : 0;
    }

    // Rows of U·Σ: each user's taste vector before the unit scaling the clustering applies (cosine ignores the scale).
    private static float[] TasteRows(TrainedModel model, int users)
    {
        int rank = model.TasteRank;
        var rows = new float[users * rank];
        for (int u = 0; u < users; u++)
            TensorPrimitives.Multiply(model.UserFactors.AsSpan(u * rank, rank), model.SingularValues.AsSpan(0, rank), rows.AsSpan(u * rank, rank));
        return rows;
    }

    private static int[][] LikedFilms(RatingsDataset data)
    {
        byte liked = TasteGroups.HighUnits;
        var sets = new int[data.UserCount][];
        var buffer = new List<int>();
        for (int u = 0; u < data.UserCount; u++)
        {
            var films = data.FilmsOf(u);
            var units = data.HalfStarsOf(u);
            buffer.Clear();
            for (int i = 0; i < films.Length; i++)
            {
                if (units[i] >= liked)
                    buffer.Add(films[i]);
            }
            buffer.Sort();
            sets[u] = [.. buffer];
        }
        return sets;
    }

    private static int[][] MembersOf(int[] labels, int count)
    {
        var members = new List<int>[count];
        for (int c = 0; c < count; c++)
            members[c] = [];
        for (int u = 0; u < labels.Length; u++)
            members[labels[u]].Add(u);
        return [.. members.Select(m => m.ToArray())];
    }
}
