using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Recs.Engine.Data;
using Recs.Math;

namespace Recs.Engine.Model;

/// <summary>
/// One film's co-rating counts with every film and its K best neighbours by cosine; one instance per worker. Counts
/// come from the packed "rated by" rows or from one scattered increment per (rater, film the rater rated).
/// </summary>
internal sealed class CoRatingRow
{
    // A float rounds a double by at most 2⁻²⁴ relative; a margin well above it (and far above the double error of
    // the bound) keeps every film the exact cosine would admit, so the filter never changes a list.
    private const double FilterMargin = 1 - 1e-6;

    private readonly RatingsDataset _data;
    private readonly SparsePattern _byFilm;
    private readonly double[] _roots;
    private readonly int[] _counts;
    private readonly int[] _touched;
    private readonly TopNeighbours _best;

    /// <param name="roots">√(rating count) of every film, shared by the workers.</param>
    public CoRatingRow(RatingsDataset data, SparsePattern byFilm, double[] roots, int k)
    {
        _data = data;
        _byFilm = byFilm;
        _roots = roots;
        _counts = new int[data.FilmCount];
        _touched = new int[data.FilmCount];
        _best = new TopNeighbours(k);
    }

    /// <summary>√(rating count) of every film, for the constructor.</summary>
    public static double[] RootsOf(RatingsDataset data)
    {
        var roots = new double[data.FilmCount];
        for (int f = 0; f < roots.Length; f++)
            roots[f] = System.Math.Sqrt(data.RatingCountOf(f));
        return roots;
    }

    /// <summary>Counts film's row, stores it in popular (when film is one of them), keeps its best neighbours and writes them.</summary>
    public void Fill(int film, PackedBinaryMatrix? raters, PopularCoRatings? popular, Span<int> ids, Span<float> sims)
    {
        _best.Reset();
        if (raters is not null)
        {
            raters.CountCommonWithEveryRow(film, _counts);
            popular?.StoreRow(film, _counts);
            OfferEvery(film);
        }
        else if (ScatteredCost(film) >= _counts.Length)
        {
            // Most films are touched: a sequential sweep is cheaper than keeping a list of them.
            CountScattered(film, touched: null);
            popular?.StoreRow(film, _counts);
            OfferEvery(film);
            Array.Clear(_counts);
        }
        else
        {
            int touched = CountScattered(film, _touched);
            popular?.StoreRow(film, _counts);
            OfferTouched(film, touched);
        }
        _best.CopyTo(ids, sims);
    }

    private long ScatteredCost(int film)
    {
        long cost = 0;
        var offsets = _data.UserOffsets;
        foreach (int u in _byFilm.RowsInColumn(film))
            cost += offsets[u + 1] - offsets[u];
        return cost;
    }

    // Film indices in the rows are validated when the dataset is built, so the increments skip bounds checks: this
    // loop runs once per (rater, film the rater rated), Σ over users of their rating count squared per Build.
    [SkipLocalsInit]
    private int CountScattered(int film, int[]? touched)
    {
        ref int counts = ref MemoryMarshal.GetArrayDataReference(_counts);
        int n = 0;
        foreach (int u in _byFilm.RowsInColumn(film))
        {
            var films = _data.FilmsOf(u);
            if (touched is null)
            {
                foreach (int j in films)
                    Unsafe.Add(ref counts, j)++;
                continue;
            }
            foreach (int j in films)
            {
                if (Unsafe.Add(ref counts, j)++ == 0)
                    touched[n++] = j;
            }
        }
        return n;
    }

    private void OfferEvery(int film)
    {
        double limit = Limit(film);
        for (int j = 0; j < _counts.Length; j++)
        {
            int count = _counts[j];
            if (count > 0 && j != film && count >= limit * _roots[j])
                limit = Offer(film, j, count);
        }
    }

    private void OfferTouched(int film, int touched)
    {
        double limit = Limit(film);
        foreach (int j in _touched.AsSpan(0, touched))
        {
            int count = _counts[j];
            _counts[j] = 0;
            if (j != film && count >= limit * _roots[j])
                limit = Offer(film, j, count);
        }
    }

    private double Offer(int film, int other, int count)
    {
        _best.Offer((float)(count / System.Math.Sqrt((double)_data.RatingCountOf(film) * _data.RatingCountOf(other))), other);
        return Limit(film);
    }

    // A film whose count lies below limit × √n_j has a cosine below the worst kept one and cannot enter the list.
    private double Limit(int film) => _best.IsFull ? _best.Worst * FilterMargin * _roots[film] : 0;
}
