namespace Recs.Engine.Model;

/// <summary>
/// The output of training, immutable and shared by every request: the mean-centred SVD (taste geometry, clusters,
/// explanations), the raw-ratings SVD (ranking), the user clustering and per-cluster film statistics.
/// Film indices are those of the dataset it was trained on, whose catalogue is identified by <see cref="CatalogueFingerprint"/>.
/// </summary>
public sealed class TrainedModel
{
    /// <summary>Wraps trained arrays; throws <see cref="ArgumentException"/> when their sizes disagree.</summary>
    public TrainedModel(ModelHeader header, float[] singularValues, float[] tasteVectors, float[] userFactors,
        float[] centroids, int[] labels, float[] rankingVectors, float[] rankingScales, int[] neighbourFilms, float[] neighbourSimilarities, int[] clusterFilmCounts,
        float[] clusterFilmSums, int[] filmCounts, float[] filmMeans, TasteGroups? groups = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        int films = header.FilmCount, users = header.UserCount, rank = header.TasteRank, k = header.ClusterCount;
        Check(singularValues.Length == rank, "singular values");
        Check(tasteVectors.Length == films * rank, "taste vectors");
        Check(userFactors.Length == users * rank, "user factors");
        Check(centroids.Length == k * rank, "centroids");
        Check(labels.Length == users, "labels");
        Check(rankingVectors.Length == films * header.RankingRank, "ranking vectors");
        Check(rankingScales.Length == films, "ranking scales");
        Check(neighbourFilms.Length == neighbourSimilarities.Length && (films == 0 ? neighbourFilms.Length == 0 : neighbourFilms.Length % films == 0), "neighbours");
        foreach (int n in neighbourFilms)
            Check(n >= -1 && n < films, "neighbours");
        Check(clusterFilmCounts.Length == k * films && clusterFilmSums.Length == k * films, "cluster film statistics");
        Check(filmCounts.Length == films && filmMeans.Length == films, "film statistics");
        foreach (int label in labels)
            Check((uint)label < (uint)k, "labels");
        if (groups is not null)
        {
            Check(groups.Rank == rank && groups.GroupOffsets.Length == k + 1 && groups.Labels.Length == users
                && groups.FilmHighCounts.Length == films, "taste groups");
            for (int u = 0; u < users; u++)
                Check(groups.ClusterOf[groups.Labels[u]] == labels[u], "taste groups");
        }
        Groups = groups;
        Header = header;
        SingularValues = singularValues;
        TasteVectors = tasteVectors;
        UserFactors = userFactors;
        Centroids = centroids;
        Labels = labels;
        RankingVectors = rankingVectors;
        RankingScales = rankingScales;
        NeighbourFilms = neighbourFilms;
        NeighbourSimilarities = neighbourSimilarities;
        NeighbourCount = films == 0 ? 0 : neighbourFilms.Length / films;
        (ReverseNeighbourOffsets, ReverseNeighbourFilms, ReverseNeighbourWeights) = Reverse(neighbourFilms, neighbourSimilarities, films, NeighbourCount);
        RankingUnscales = new float[films];
        for (int f = 0; f < films; f++)
            RankingUnscales[f] = rankingScales[f] > 0 ? 1f / rankingScales[f] : 0f;
        ClusterFilmCounts = clusterFilmCounts;
        ClusterFilmSums = clusterFilmSums;
        FilmCounts = filmCounts;
        FilmMeans = filmMeans;
        int max = 1;
        LogPopularity = new float[films];
        for (int f = 0; f < films; f++)
        {
            max = System.Math.Max(max, filmCounts[f]);
            LogPopularity[f] = MathF.Log(1 + filmCounts[f]);
        }
        LogMaxFilmCount = MathF.Log(1 + max);
        CentroidSquaredNorms = new float[k];
        var sizes = new int[k];
        for (int c = 0; c < k; c++)
            CentroidSquaredNorms[c] = System.Numerics.Tensors.TensorPrimitives.SumOfSquares(centroids.AsSpan(c * rank, rank));
        foreach (int label in labels)
            sizes[label]++;
        LargestCluster = Array.IndexOf(sizes, sizes.Max());
    }

    public ModelHeader Header { get; }
    public int FilmCount => Header.FilmCount;
    public int TasteRank => Header.TasteRank;
    public int RankingRank => Header.RankingRank;
    public int ClusterCount => Header.ClusterCount;
    public float GlobalMean => Header.GlobalMean;

    /// <summary>σ of the mean-centred SVD, descending.</summary>
    public float[] SingularValues { get; }

    /// <summary>Right singular vectors of the mean-centred matrix, row-major films×TasteRank.</summary>
    public float[] TasteVectors { get; }

    /// <summary>Left singular vectors U of the trained users, row-major users×TasteRank.</summary>
    public float[] UserFactors { get; }

    /// <summary>Cluster centres of the unit-scaled rows of U·Σ, row-major ClusterCount×TasteRank.</summary>
    public float[] Centroids { get; }

    /// <summary>Cluster of each trained user.</summary>
    public int[] Labels { get; }

    /// <summary>The groups inside each cluster (a few hundred users at most where the data allow), or null for a model trained without them.</summary>
    public TasteGroups? Groups { get; }

    /// <summary>Right singular vectors of the raw (uncentred, unrated = 0) matrix, row-major films×RankingRank.</summary>
    public float[] RankingVectors { get; }

    /// <summary>The popularity-debiasing column scale count_f^(−β) the ranking SVD was trained with, per film.</summary>
    public float[] RankingScales { get; }

    /// <summary>1 / <see cref="RankingScales"/>, applied to every ranking score (derived, not stored).</summary>
    public float[] RankingUnscales { get; }

    /// <summary>
    /// The neighbour lists turned around (derived, not stored in snapshots): the films whose lists contain film k are
    /// at [ReverseNeighbourOffsets[k], ReverseNeighbourOffsets[k+1]) with their weight on k. Scoring scatters from the
    /// person's rated films through these, costing ratings × K instead of films × K.
    /// </summary>
    public int[] ReverseNeighbourOffsets { get; }

    public int[] ReverseNeighbourFilms { get; }

    public float[] ReverseNeighbourWeights { get; }

    private static (int[] Offsets, int[] Films, float[] Weights) Reverse(int[] ids, float[] weights, int films, int k)
    {
        var offsets = new int[films + 1];
        foreach (int id in ids)
        {
            if (id >= 0)
                offsets[id + 1]++;
        }
        for (int f = 0; f < films; f++)
            offsets[f + 1] += offsets[f];
        var cursor = offsets[..^1];
        var reverseFilms = new int[offsets[films]];
        var reverseWeights = new float[offsets[films]];
        for (int j = 0; j < films; j++)
        {
            for (int n = 0; n < k; n++)
            {
                int id = ids[j * k + n];
                if (id < 0)
                    break;
                int at = cursor[id]++;
                reverseFilms[at] = j;
                reverseWeights[at] = weights[j * k + n];
            }
        }
        return (offsets, reverseFilms, reverseWeights);
    }

    /// <summary>Neighbours per film in <see cref="NeighbourFilms"/>.</summary>
    public int NeighbourCount { get; }

    /// <summary>The most similar films of each film (by cosine of rated-by columns), row-major films×NeighbourCount, −1 padding.</summary>
    public int[] NeighbourFilms { get; }

    /// <summary>Regression weights beside <see cref="NeighbourFilms"/>: row f holds f's weights on its neighbours (<see cref="ItemNeighbours.Regress"/>).</summary>
    public float[] NeighbourSimilarities { get; }

    /// <summary>Ratings of film f by members of cluster c, at c·FilmCount + f.</summary>
    public int[] ClusterFilmCounts { get; }

    /// <summary>Sum of the stars behind <see cref="ClusterFilmCounts"/>.</summary>
    public float[] ClusterFilmSums { get; }

    /// <summary>Ratings per film in the training data.</summary>
    public int[] FilmCounts { get; }

    /// <summary>Mean stars per film in the training data (0 when unrated).</summary>
    public float[] FilmMeans { get; }

    /// <summary>‖centroid‖² per cluster, for nearest-centre search.</summary>
    public float[] CentroidSquaredNorms { get; }

    /// <summary>The cluster with most trained users: where someone with no usable ratings is placed.</summary>
    public int LargestCluster { get; }

    /// <summary>ln(1 + <see cref="FilmCounts"/>) per film, the blend's popularity term (derived, not stored).</summary>
    public float[] LogPopularity { get; }

    /// <summary>log(1 + the largest film rating count), the popularity normaliser.</summary>
    public float LogMaxFilmCount { get; }

    /// <summary>
    /// The β and rank the ranking SVD used, for a model this process trained (a retrain may reuse them, see
    /// <see cref="ModelTrainingOptions.PreviousRanking"/>); null for a model read from a snapshot, which does not store them.
    /// </summary>
    public RankingChoice? Ranking { get; init; }

    /// <summary>Approximate resident bytes of the arrays.</summary>
    public long EstimatedBytes =>
        4L * (SingularValues.Length + TasteVectors.Length + UserFactors.Length + Centroids.Length + Labels.Length
              + RankingVectors.Length + 2 * RankingScales.Length + 2 * (NeighbourFilms.Length + NeighbourSimilarities.Length) + ClusterFilmCounts.Length + ClusterFilmSums.Length + FilmCounts.Length + LogPopularity.Length + FilmMeans.Length)
        + (Groups?.EstimatedBytes ?? 0);

    private static void Check(bool ok, string what)
    {
        if (!ok)
            throw new ArgumentException($"trained model arrays disagree with the header: {what}");
    }
}
