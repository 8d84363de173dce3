using System.Globalization;
using System.Numerics.Tensors;
using Recs.Engine.Catalog;

namespace Recs.Engine.Model;

/// <summary>
/// The second level of the user clustering: groups inside each taste cluster, with what serving needs about them.
/// Group g (flat id) belongs to cluster c when GroupOffsets[c] ≤ g &lt; GroupOffsets[c + 1]; its public id is "c.s"
/// with s = g − GroupOffsets[c]. Per group, the films two or more members rated are kept sparse (ascending film index
/// within the group) with how many members rated them, the sum of their half-star units and how many rated them 4★ or more:
/// each kept entry stands for at least two ratings, so the entries are at most half the ratings (16 bytes each),
/// where dense groups × films counts would grow with both.
/// </summary>
public sealed class TasteGroups
{
    /// <summary>Half-star units at or above which a rating counts as high: the relevance threshold <see cref="StarRating.Liked"/>.</summary>
    public static byte HighUnits => StarRating.ToUnits(StarRating.Liked);

    /// <summary>Members who must have rated a film for the group to keep its statistics.</summary>
    public const int MinRaters = 2;

    /// <summary>Wraps the arrays; throws <see cref="ArgumentException"/> when their sizes disagree with each other or with <paramref name="rank"/>/<paramref name="films"/>.</summary>
    public TasteGroups(int rank, int films, int[] groupOffsets, float[] centroids, int[] labels, float[] silhouettes, float[] groupSilhouettes, int[] highTotals,
        int[] filmHighCounts, int[] filmOffsets, int[] groupFilms, int[] filmRaters, int[] filmHalfStarSums, int[] filmHighs)
    {
        Check(groupOffsets.Length >= 1 && groupOffsets[0] == 0, "group offsets");
        for (int c = 0; c + 1 < groupOffsets.Length; c++)
            Check(groupOffsets[c + 1] >= groupOffsets[c], "group offsets");
        int groups = groupOffsets[^1];
        Check(centroids.Length == groups * rank, "group centroids");
        Check(silhouettes.Length == groupOffsets.Length - 1, "cluster split silhouettes");
        Check(groupSilhouettes.Length == groups, "group silhouettes");
        Check(highTotals.Length == groups && filmHighCounts.Length == films, "high-rating totals");
        Check(filmOffsets.Length == groups + 1 && filmOffsets[0] == 0 && filmOffsets[^1] == groupFilms.Length, "group film offsets");
        Check(filmRaters.Length == groupFilms.Length && filmHalfStarSums.Length == groupFilms.Length && filmHighs.Length == groupFilms.Length, "group film statistics");
        foreach (int f in groupFilms)
            Check((uint)f < (uint)films, "group films");
        Sizes = new int[groups];
        foreach (int label in labels)
        {
            Check((uint)label < (uint)groups, "group labels");
            Sizes[label]++;
        }
        Rank = rank;
        GroupOffsets = groupOffsets;
        Centroids = centroids;
        Labels = labels;
        Silhouettes = silhouettes;
        GroupSilhouettes = groupSilhouettes;
        HighTotals = highTotals;
        FilmHighCounts = filmHighCounts;
        FilmOffsets = filmOffsets;
        GroupFilms = groupFilms;
        FilmRaters = filmRaters;
        FilmHalfStarSums = filmHalfStarSums;
        FilmHighs = filmHighs;
        ClusterOf = new int[groups];
        for (int c = 0; c + 1 < groupOffsets.Length; c++)
            ClusterOf.AsSpan(groupOffsets[c], groupOffsets[c + 1] - groupOffsets[c]).Fill(c);
        CentroidSquaredNorms = new float[groups];
        for (int g = 0; g < groups; g++)
            CentroidSquaredNorms[g] = TensorPrimitives.SumOfSquares(centroids.AsSpan(g * rank, rank));
    }

    public int Rank { get; }
    public int GroupCount => Sizes.Length;
    public int[] GroupOffsets { get; }

    /// <summary>Group centres in the clustering space (unit-scaled rows of U·Σ), row-major GroupCount×Rank.</summary>
    public float[] Centroids { get; }

    /// <summary>Flat group of each trained user.</summary>
    public int[] Labels { get; }

    /// <summary>Per cluster: the sampled silhouette of the split into its groups (NaN when the cluster was not split).</summary>
    public float[] Silhouettes { get; }

    /// <summary>
    /// Per group: the mean sampled silhouette of its members within its cluster's split (NaN when the cluster was not
    /// split or none of the group's members was in the sample).
    /// </summary>
    public float[] GroupSilhouettes { get; }

    /// <summary>Ratings of 4★ or more given by each group's members, over all films.</summary>
    public int[] HighTotals { get; }

    /// <summary>Ratings of 4★ or more per film, by everyone.</summary>
    public int[] FilmHighCounts { get; }

    /// <summary>Group g's kept films are at [FilmOffsets[g], FilmOffsets[g + 1]) of the four arrays below.</summary>
    public int[] FilmOffsets { get; }

    public int[] GroupFilms { get; }
    public int[] FilmRaters { get; }

    /// <summary>Sum of the members' ratings of the kept film in half-star units (integers, so the sums are exact).</summary>
    public int[] FilmHalfStarSums { get; }

    public int[] FilmHighs { get; }

    /// <summary>Trained members per group (derived).</summary>
    public int[] Sizes { get; }

    /// <summary>The cluster each group belongs to (derived).</summary>
    public int[] ClusterOf { get; }

    public float[] CentroidSquaredNorms { get; }

    /// <summary>The public id "cluster.sub" of a flat group id.</summary>
    public string Id(int group) =>
        string.Create(CultureInfo.InvariantCulture, $"{ClusterOf[group]}.{group - GroupOffsets[ClusterOf[group]]}");

    /// <summary>
    /// The group of <paramref name="cluster"/> whose centre is nearest the unit taste direction (ties to the lower id),
    /// the same rule the last k-means assignment used; -1 when the cluster has no groups.
    /// </summary>
    public int Nearest(int cluster, ReadOnlySpan<float> direction)
    {
        float norm = TensorPrimitives.Norm(direction);
        int start = GroupOffsets[cluster], end = GroupOffsets[cluster + 1];
        if (start == end)
            return -1;
        int best = start;
        float bestDistance = float.PositiveInfinity;
        for (int g = start; g < end; g++)
        {
            float dot = norm == 0 ? 0 : TensorPrimitives.Dot(direction, Centroids.AsSpan(g * Rank, Rank)) / norm;
            float d = CentroidSquaredNorms[g] - 2f * dot;
            if (d < bestDistance)
            {
                bestDistance = d;
                best = g;
            }
        }
        return best;
    }

    /// <summary>How many of the group's members rated <paramref name="film"/> and their mean stars; false when fewer than <see cref="MinRaters"/> did.</summary>
    public bool TryGetSupport(int group, int film, out int raters, out float meanStars)
    {
        var films = GroupFilms.AsSpan(FilmOffsets[group], FilmOffsets[group + 1] - FilmOffsets[group]);
        int at = films.BinarySearch(film);
        if (at < 0)
        {
            (raters, meanStars) = (0, 0);
            return false;
        }
        int i = FilmOffsets[group] + at;
        raters = FilmRaters[i];
        meanStars = FilmHalfStarSums[i] * 0.5f / raters;
        return true;
    }

    /// <summary>Approximate resident bytes of the arrays.</summary>
    public long EstimatedBytes =>
        4L * (GroupOffsets.Length + Centroids.Length + Labels.Length + Silhouettes.Length + GroupSilhouettes.Length + HighTotals.Length + FilmHighCounts.Length
              + FilmOffsets.Length + 4L * GroupFilms.Length + 3L * Sizes.Length);

    private static void Check(bool ok, string what)
    {
        if (!ok)
            throw new ArgumentException($"taste group arrays disagree: {what}");
    }
}
