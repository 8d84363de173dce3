using System.Diagnostics;
using System.Globalization;
using Recs.Engine.Catalog;
using Recs.Engine.Data;
using Recs.Engine.Training;
using Recs.Math;

namespace Recs.Engine.Model;

/// <summary>
/// Trains a <see cref="TrainedModel"/> on every rating of a dataset: the clustering pipeline (centred ratings →
/// Lanczos SVD → mini-batch k-means with k by sampled silhouette), a second Lanczos SVD of the raw ratings for
/// ranking (centring helps taste geometry but loses the "rated at all" signal that ranks well), and per-cluster film
/// statistics for scoring and explanations.
/// </summary>
public static class ModelTrainer
{
    /// <summary>
    /// Trains; throws <see cref="ArgumentException"/> when the data cannot support the options (e.g. no ratings).
    /// When given, <paramref name="stageSeconds"/> receives the wall-clock seconds of each stage, in this order:
    /// "ranking" (its selection and SVD), "taste" (centred SVD and clustering), "groups" (the second level and its film
    /// counts), "neighbours", "regression" and "statistics". <paramref name="cancellation"/> is honoured between stages
    /// (<see cref="OperationCanceledException"/>), so a stopping service waits at most one stage for a training it abandons.
    /// <paramref name="stageScratchBytes"/>, when given, receives the most pool pages mapped during each stage (by the
    /// whole process: two trainings at once count each other's), and <paramref name="stageAllocatedBytes"/> the managed
    /// bytes the process allocated during each stage (whatever else runs counts too; meant for `recs train`).
    /// </summary>
    public static TrainedModel Train(
        RatingsDataset data, ModelTrainingOptions options, DateTimeOffset trainedAt, IDictionary<string, double>? stageSeconds = null,
        CancellationToken cancellation = default, IDictionary<string, long>? stageScratchBytes = null,
        IDictionary<string, long>? stageAllocatedBytes = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        cancellation.ThrowIfCancellationRequested();
        using var scratch = new ScratchPool();
        ScratchPool.ResetPeak();
        long stageStart = Stopwatch.GetTimestamp();
        long allocatedStart = GC.GetTotalAllocatedBytes();
        void EndStage(string name)
        {
            stageSeconds?.Add(name, Stopwatch.GetElapsedTime(stageStart).TotalSeconds);
            stageScratchBytes?.Add(name, ScratchPool.PeakProcessMappedBytes);
            long allocated = GC.GetTotalAllocatedBytes();
            stageAllocatedBytes?.Add(name, allocated - allocatedStart);
            allocatedStart = allocated;
            ScratchPool.ResetPeak();
            stageStart = Stopwatch.GetTimestamp();
            cancellation.ThrowIfCancellationRequested();
        }
        // One pool for every stage of this training: its Lanczos runs (five with the default options) share their
        // Krylov bases and the k sweep its buffers; the matrices are the data set's own rows and half stars (their
        // patterns add a few ints per person and film, on the collected heap). What the pool maps is therefore about
        // one SVD's work whatever the number of stages, or the neighbour stages' by-film order and buffers, and all of
        // it goes back to the operating system once the model is built.
        if (data.RatingCount == 0)
            throw new ArgumentException("there are no ratings to train on", nameof(data));
        // The ranking stage maps as many pages as any stage (the selection's three SVDs, then the ranking SVD): it runs
        // first, while the new model has no arrays yet beside the serving one's, so the two do not add up.
        //
        // Popularity debiasing: column f is scaled by count_f^(−β) before the SVD, so a few blockbusters rated by
        // nearly everyone do not take the leading factors and the ranking reaches further into the catalogue.
        var choice = ChooseRanking(data, options, scratch);
        var rankingScales = RankingScales(data, choice.Beta);
        var raw = RatingMatrices.ColumnScaled(data, rankingScales);
        int rankingRank = System.Math.Min(choice.Rank, System.Math.Min(data.UserCount, data.FilmCount));
        var ranking = LanczosSvd.Compute(raw, new LanczosSvdOptions { Rank = rankingRank, Seed = options.Pipeline.Seed, LeftVectors = false }, scratch);
        scratch.Trim();
        EndStage("ranking");

        var result = TrainingPipeline.Run(RatingMatrices.Centred(data, raw), options.Pipeline, scratch);
        EndStage("taste");
        var svd = result.Svd;
        var best = result.Clusters.Best;
        var nested = NestedClustering.Split(result.ClusterPoints, svd.Rank, best.Labels, best.ClusterCount,
            options.Groups with { Seed = options.Groups.Seed + options.Pipeline.Seed }, scratch);
        scratch.Return(result.ClusterPoints);
        var groups = TasteGroupStatistics.Build(data, nested);
        // The neighbour stages need smaller buffers than the SVDs: their pages go back before those are mapped.
        scratch.Trim();
        EndStage("groups");

        // Everything the neighbour stages build only to choose and weigh the lists (the by-film order, four bytes a
        // rating; packed raters or the popular films' co-counts, up to 64 MB; the cosines; per-worker user buffers) is on
        // the pool's pages, not the collected heap. The SVDs above read the rows alone, so the by-film order is built
        // only now, after their bases and the clustering's buffers have gone back.
        // Data whose raters pack weighs the lists on the packed rows and needs no popular films' co-counts.
        var pattern = data.BuildPattern(scratch);
        var popular = ItemNeighbours.ChoosePopular(data, pattern, scratch);
        // The lists are counted from the ratings even when the packed rows exist: on the 1M Letterboxd set that takes
        // 1.7 s of CPU against 6.6 s for a popcount of every pair of rows. The rows pay off in Regress, whose pairs
        // are few.
        var neighbourFilms = ItemNeighbours.BuildLists(data, options.NeighbourCount, raters: null, popular, pattern, scratch);
        EndStage("neighbours");
        // The regression reads the by-film order only without the packed rows; with them, that order goes back before
        // the rows are packed (from each person's films), so the two are never mapped together at the training's end,
        // when the new model's arrays already sit beside the serving model's.
        PackedBinaryMatrix? raters = null;
        if (ItemNeighbours.Packable(data))
        {
            pattern.ReturnColumnOrder(scratch);
            scratch.Trim();
            raters = ItemNeighbours.PackRaters(data, scratch);
        }
        // The cosines only choose the lists; the stored weights are each film regressed on its own neighbours.
        var neighbourWeights = ItemNeighbours.Regress(
            data, neighbourFilms, options.NeighbourCount, options.NeighbourPenalty, raters, popular, raters is null ? pattern : null, scratch);
        // Nothing below reads the pool: its pages (the by-film order, the packed raters, the workers' buffers) go back
        // before the model's last arrays are built beside the serving model's, rather than when the method returns.
        scratch.Dispose();
        EndStage("regression");

        int k = best.ClusterCount, films = data.FilmCount;
        var clusterCounts = new int[k * films];
        var clusterSums = new float[k * films];
        for (int u = 0; u < data.UserCount; u++)
        {
            int offset = best.Labels[u] * films;
            var userFilms = data.FilmsOf(u);
            var units = data.HalfStarsOf(u);
            for (int i = 0; i < userFilms.Length; i++)
            {
                clusterCounts[offset + userFilms[i]]++;
                clusterSums[offset + userFilms[i]] += StarRating.FromUnits(units[i]);
            }
        }
        var filmCounts = new int[films];
        for (int f = 0; f < films; f++)
            filmCounts[f] = data.RatingCountOf(f);

        double silhouette = double.NaN;
        foreach (var score in result.Clusters.Scores)
        {
            if (score.ClusterCount == k)
                silhouette = score.Silhouette;
        }
        var header = new ModelHeader(
            $"svd-{trainedAt.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}-{data.RatingCount}",
            trainedAt, CatalogueFingerprint.Of(data), data.UserCount, films, data.RatingCount,
            svd.Rank, ranking.Rank, k, data.GlobalMean, silhouette, data.Sequence);
        // Built inside the last stage, so its derived arrays (the reversed neighbour lists) count towards it.
        var model = new TrainedModel(header, svd.SingularValues, svd.V, svd.U, best.Centroids, best.Labels, ranking.V,
            rankingScales, neighbourFilms, neighbourWeights, clusterCounts, clusterSums, filmCounts, (float[])data.FilmMeans.Clone(), groups)
        {
            Ranking = choice with { Rank = rankingRank },
        };
        EndStage("statistics");
        return model;
    }

    // Validated afresh unless the model being replaced chose on data of about this size (see ModelTrainingOptions.PreviousRanking).
    private static RankingChoice ChooseRanking(RatingsDataset data, ModelTrainingOptions options, ScratchPool scratch)
    {
        if (!options.SelectRanking)
            return new RankingChoice(options.PopularityDebias, options.RankingRank, 0);
        if (options.PreviousRanking is { } previous && previous.StillHolds(data.RatingCount, options.ReselectRankingAfter))
            return previous;
        var (beta, rank) = RankingSelection.Choose(data, options, scratch);
        return new RankingChoice(beta, rank, data.RatingCount);
    }

    /// <summary>count_f^(−β) per film (1 for unrated films, whose column is empty anyway).</summary>
    private static float[] RankingScales(RatingsDataset data, double beta)
    {
        var scales = new float[data.FilmCount];
        for (int f = 0; f < scales.Length; f++)
            scales[f] = (float)System.Math.Pow(System.Math.Max(1, data.RatingCountOf(f)), -beta);
        return scales;
    }
}
