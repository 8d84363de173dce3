using Recs.Engine.Data;
using Recs.Math;

namespace Recs.Engine.Model;

/// <summary>
/// The K most similar films of every film by cosine of their "rated by" columns, stored sparse (films×K ids and
/// weights, −1 padding; films×K×8 bytes of memory). <see cref="Regress"/> turns the cosines into ridge-regression
/// weights of each film on its own K neighbours (EASE restricted to the lists), which the scorer sums per candidate
/// over the neighbours the person rated: K look-ups per film at request time.
/// Co-rating counts come from packed "rated by" bit rows (<see cref="PackRaters"/>) when they fit the budget, else
/// from the ratings: one scattered increment per (rater, film the rater rated) for the lists, and for each film's
/// regression Gram the most-rated films' stored co-counts (<see cref="PopularCoRatings"/>) plus one visit of the
/// other films' raters (<see cref="NeighbourGram"/>). Every path gives identical counts, so identical lists and weights.
/// </summary>
public static class ItemNeighbours
{
    // Each film's work is long and each worker holds per-film scratch (counts over every film or every user): without a
    // bound the thread pool, seeing work items run long, keeps adding workers — hundreds at 10M ratings, each with its
    // own scratch, all sharing the same cores.
    private static readonly ParallelOptions OnePerCore = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    /// <summary>Largest packed "rated by" matrix worth building (4.1 MB for 7,472 films × 4,375 users).</summary>
    public const long PackedRatersBudgetBytes = 64L << 20;

    /// <summary>
    /// Films × users bit rows of who rated what, or null when they would exceed <see cref="PackedRatersBudgetBytes"/>.
    /// Packed from each person's films, so a training can give the ratings' by-film order back before it builds them.
    /// Here and below, a byFilm argument is the data's pattern (<see cref="RatingsDataset.BuildPattern"/>), built from
    /// the data when not given, and a scratch argument, when given, the training's pool: what is built only to choose
    /// and weigh the lists lives on its pages, valid while it is.
    /// </summary>
    public static PackedBinaryMatrix? PackRaters(RatingsDataset data, ScratchPool? scratch = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Packable(data) ? PackedBinaryMatrix.FromCompressedColumns(data.UserOffsets, data.UserFilms, data.FilmCount, scratch) : null;
    }

    /// <summary>Whether <see cref="PackRaters"/> builds the bit rows for this data (they fit <see cref="PackedRatersBudgetBytes"/>).</summary>
    public static bool Packable(RatingsDataset data) =>
        data.FilmCount > 0 && data.UserCount > 0 && PackedBinaryMatrix.BytesFor(data.FilmCount, data.UserCount) <= PackedRatersBudgetBytes;

    /// <summary>
    /// The most-rated films' structures for <see cref="Regress"/> when the packed matrix does not fit: null for data that
    /// is <see cref="Packable"/>, or when no film fits <see cref="PackedRatersBudgetBytes"/>; pass it to <see cref="Build"/>,
    /// which fills it.
    /// </summary>
    public static PopularCoRatings? ChoosePopular(RatingsDataset data, SparsePattern? byFilm = null, ScratchPool? scratch = null) =>
        Packable(data) ? null : PopularCoRatings.Choose(data, PackedRatersBudgetBytes, byFilm, scratch);

    /// <summary>
    /// Films×K neighbour ids (−1 where a film has fewer than K co-rated films) and their cosine similarities; co-rating
    /// counts come from <paramref name="raters"/> (see <see cref="PackRaters"/>) or, when it is null, from the ratings.
    /// The co-counts of the films in <paramref name="popular"/> are stored there on the way.
    /// </summary>
    public static (int[] Films, float[] Similarities) Build(
        RatingsDataset data, int k, PackedBinaryMatrix? raters, PopularCoRatings? popular = null, SparsePattern? byFilm = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var ids = new int[data.FilmCount * k];
        var sims = new float[data.FilmCount * k];
        Fill(data, k, raters, popular, byFilm, ids, sims);
        return (ids, sims);
    }

    /// <summary>
    /// The lists of <see cref="Build"/> without their cosines, which only choose them: those are held on
    /// <paramref name="scratch"/> while the lists are counted and given back before this returns.
    /// </summary>
    public static int[] BuildLists(
        RatingsDataset data, int k, PackedBinaryMatrix? raters, PopularCoRatings? popular, SparsePattern? byFilm, ScratchPool scratch)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(scratch);
        var ids = new int[data.FilmCount * k];
        var sims = scratch.Rent<float>(ids.Length);
        Fill(data, k, raters, popular, byFilm, ids, sims);
        scratch.Return(sims);
        return ids;
    }

    private static void Fill(
        RatingsDataset data, int k, PackedBinaryMatrix? raters, PopularCoRatings? popular, SparsePattern? byFilm, int[] ids, Memory<float> sims)
    {
        int films = data.FilmCount;
        Array.Fill(ids, -1);
        if (k == 0 || films == 0)
            return;
        var roots = CoRatingRow.RootsOf(data);
        var pattern = byFilm ?? data.BuildPattern();
        Parallel.For(0, films, OnePerCore,
            () => new CoRatingRow(data, pattern, roots, k),
            (i, _, row) =>
            {
                row.Fill(i, raters, popular, ids.AsSpan(i * k, k), sims.Span.Slice(i * k, k));
                return row;
            },
            _ => { });
    }

    /// <summary>
    /// Replaces each film's neighbour similarities by ridge-regression weights: the film's "rated by" column regressed
    /// on the columns of its own K neighbours (binary ratings, penalty λ), i.e. EASE restricted to the neighbour list.
    /// A person's score for film f is then the sum of f's weights over the neighbours they rated. Counts as in Build;
    /// <paramref name="popular"/>, when given (and <paramref name="raters"/> is null), must have been filled by Build.
    /// </summary>
    public static float[] Regress(
        RatingsDataset data, int[] ids, int k, double lambda, PackedBinaryMatrix? raters, PopularCoRatings? popular = null,
        SparsePattern? byFilm = null, ScratchPool? scratch = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(ids);
        int films = data.FilmCount;
        var weights = new float[films * k];
        if (k == 0)
            return weights;
        // With more than 64 unpopular films in a set the per-user masks cannot tell them apart: count pair by pair.
        if (raters is null && popular is not null && k + 1 <= NeighbourGram.MaxTailFilms)
        {
            if (!popular.IsComplete)
                throw new InvalidOperationException("The popular films' co-counts are incomplete: pass the same instance to Build first.");
            RegressWithPopular(data, byFilm ?? data.BuildPattern(), ids, k, lambda, popular, weights, scratch);
            return weights;
        }
        var pattern = raters is null ? byFilm ?? data.BuildPattern() : null;
        Parallel.For(0, films, OnePerCore,
            () => (Mark: raters is null ? new int[data.UserCount] : [], Stamp: new int[1], Gram: new double[(k + 1) * (k + 1)], Set: new int[k + 1]),
            (j, _, scratch) =>
            {
                int m = NeighbourSet(ids, j, k, scratch.Set);
                if (m == 0)
                    return scratch;
                int size = m + 1;
                var g = scratch.Gram;
                for (int a = 0; a < size; a++)
                {
                    g[a * size + a] = data.RatingCountOf(scratch.Set[a]);
                    if (raters is not null)
                    {
                        for (int b = a + 1; b < size; b++)
                            g[a * size + b] = g[b * size + a] = raters.CountCommon(scratch.Set[a], scratch.Set[b]);
                        continue;
                    }
                    int stamp = ++scratch.Stamp[0];
                    foreach (int u in pattern!.RowsInColumn(scratch.Set[a]))
                        scratch.Mark[u] = stamp;
                    for (int b = a + 1; b < size; b++)
                    {
                        int c = 0;
                        foreach (int u in pattern!.RowsInColumn(scratch.Set[b]))
                        {
                            if (scratch.Mark[u] == stamp)
                                c++;
                        }
                        g[a * size + b] = g[b * size + a] = c;
                    }
                }
                RidgeCholesky.Solve(g, size, m, lambda, weights.AsSpan(j * k, m));
                return scratch;
            },
            _ => { });
        return weights;
    }

    // Copies film j's m listed neighbours into set[0..m) and j itself into set[m]; returns m (0: nothing to regress on).
    private static int NeighbourSet(int[] ids, int j, int k, int[] set)
    {
        int m = 0;
        while (m < k && ids[j * k + m] >= 0)
        {
            set[m] = ids[j * k + m];
            m++;
        }
        set[m] = j;
        return m;
    }

    private static void RegressWithPopular(
        RatingsDataset data, SparsePattern byFilm, int[] ids, int k, double lambda, PopularCoRatings popular, float[] weights,
        ScratchPool? scratch)
    {
        // Each worker's per-user buffers go back to the pool when it ends, so a worker started after it reuses them.
        Parallel.For(0, data.FilmCount, OnePerCore,
            () => (Counter: new NeighbourGram(data, byFilm, popular, k + 1, scratch), Gram: new double[(k + 1) * (k + 1)], Set: new int[k + 1]),
            (j, _, worker) =>
            {
                int m = NeighbourSet(ids, j, k, worker.Set);
                if (m == 0)
                    return worker;
                int size = m + 1;
                worker.Counter.Fill(worker.Set.AsSpan(0, size), worker.Gram.AsSpan(0, size * size));
                RidgeCholesky.Solve(worker.Gram, size, m, lambda, weights.AsSpan(j * k, m));
                return worker;
            },
            worker => worker.Counter.Release());
    }
}
