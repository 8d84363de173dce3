using System.Numerics;
using System.Runtime.CompilerServices;
using Recs.Engine.Data;
using Recs.Math;

namespace Recs.Engine.Model;

/// <summary>
/// Counts the co-rating Gram of a small set of films (at most <see cref="MaxTailFilms"/> of them outside the popular
/// ones) without the packed matrix: popular pairs are looked up, and the other films' raters are visited once each,
/// each user carrying a bit mask of the set's films they rated. That costs Σ raters of the unpopular films, plus one
/// bit probe per popular film per visited user, instead of one scan of a (long, popular) rater list per pair.
/// One instance per worker: it holds 24 bytes per user (a mask and the visit lists), 2.4 MB at 100,000 users, rented
/// from the training's pool when given one and handed back by <see cref="Release"/>.
/// </summary>
internal sealed class NeighbourGram
{
    /// <summary>Films of a set outside the popular ones that one 64-bit mask per user can tell apart.</summary>
    public const int MaxTailFilms = 64;

    private readonly RatingsDataset _data;
    private readonly SparsePattern _byFilm;
    private readonly PopularCoRatings _popular;
    private readonly ScratchPool? _scratch;
    private readonly Memory<ulong> _masks;
    private readonly Memory<int> _singles;
    private readonly int[] _singleStart = new int[MaxTailFilms + 1];
    private readonly Memory<int> _multiUsers;
    private readonly Memory<ulong> _multiMasks;
    private int _multiCount;
    private readonly int[] _tailSlot = new int[MaxTailFilms];
    private readonly int[] _popularSlot;
    private readonly int[] _popularColumn;
    private readonly int[] _counts;

    public NeighbourGram(RatingsDataset data, SparsePattern byFilm, PopularCoRatings popular, int maxSetSize, ScratchPool? scratch = null)
    {
        _data = data;
        _byFilm = byFilm;
        _popular = popular;
        _scratch = scratch;
        int users = data.UserCount;
        _masks = scratch is null ? new ulong[users] : scratch.Rent<ulong>(users);
        // Every mask starts at 0 (SortTailRaters leaves them so); the lists are written before they are read.
        _masks.Span.Clear();
        _singles = scratch is null ? new int[users] : scratch.Rent<int>(users);
        _multiUsers = scratch is null ? new int[users] : scratch.Rent<int>(users);
        _multiMasks = scratch is null ? new ulong[users] : scratch.Rent<ulong>(users);
        _popularSlot = new int[maxSetSize];
        _popularColumn = new int[maxSetSize];
        // Tail × (tail and popular) counts, by tail bit then by slot of the set.
        _counts = new int[MaxTailFilms * maxSetSize];
    }

    /// <summary>
    /// Fills g (size × size, row-major, size = set.Length) with co-rating counts of the films in set, their rating
    /// counts on the diagonal. Throws ArgumentException when more than <see cref="MaxTailFilms"/> of them are not popular.
    /// </summary>
    [SkipLocalsInit]
    public void Fill(ReadOnlySpan<int> set, Span<double> g)
    {
        int size = set.Length;
        int tails = 0, populars = 0;
        for (int s = 0; s < size; s++)
        {
            int column = _popular.ColumnOf(set[s]);
            if (column >= 0)
            {
                _popularSlot[populars] = s;
                _popularColumn[populars++] = column;
            }
            else
            {
                if (tails == MaxTailFilms)
                    throw new ArgumentException($"More than {MaxTailFilms} films of the set are outside the popular ones.", nameof(set));
                _tailSlot[tails++] = s;
            }
        }

        // The table is far larger than cache and each look-up a miss: read each pair once.
        var coCounts = _popular.CoCounts;
        int popularCount = _popular.Count;
        for (int a = 0; a < populars; a++)
        {
            for (int b = a; b < populars; b++)
            {
                double count = coCounts[_popularColumn[a] * popularCount + _popularColumn[b]];
                g[_popularSlot[a] * size + _popularSlot[b]] = g[_popularSlot[b] * size + _popularSlot[a]] = count;
            }
        }
        if (tails == 0)
            return;

        var counts = _counts.AsSpan(0, tails * size);
        counts.Clear();
        SortTailRaters(set, tails);
        for (int t = 0; t < tails; t++)
            counts[t * size + _tailSlot[t]] = _data.RatingCountOf(set[_tailSlot[t]]);
        var multiUsers = _multiUsers.Span[.._multiCount];
        var multiMasks = _multiMasks.Span[.._multiCount];
        // Tail pairs come only from users who rated several of them.
        foreach (ulong mask in multiMasks)
        {
            for (ulong rest = mask; rest != 0; rest &= rest - 1)
            {
                int row = BitOperations.TrailingZeroCount(rest) * size;
                for (ulong other = mask & ~(rest & (0 - rest)); other != 0; other &= other - 1)
                    counts[row + _tailSlot[BitOperations.TrailingZeroCount(other)]]++;
            }
        }
        // Tail × popular pairs: each popular film's bit row (12.5 KB at 100,000 users) stays in L1 while the visitors
        // are probed against it, in ascending user order within each tail film; most visitors rated one tail film
        // only, and theirs are plain branch-free sums.
        var raters = _popular.Raters;
        var singles = _singles.Span;
        for (int p = 0; p < populars; p++)
        {
            int slot = _popularSlot[p];
            var row = raters.RowWords(_popularColumn[p]);
            for (int t = 0; t < tails; t++)
            {
                int sum = 0;
                foreach (int u in singles[_singleStart[t].._singleStart[t + 1]])
                    sum += (int)(row[u >> 6] >> u) & 1;
                counts[t * size + slot] += sum;
            }
            for (int m = 0; m < multiUsers.Length; m++)
            {
                int u = multiUsers[m];
                if ((row[u >> 6] & (1UL << u)) == 0)
                    continue;
                for (ulong rest = multiMasks[m]; rest != 0; rest &= rest - 1)
                    counts[BitOperations.TrailingZeroCount(rest) * size + slot]++;
            }
        }
        for (int t = 0; t < tails; t++)
        {
            int s = _tailSlot[t];
            for (int b = 0; b < size; b++)
                g[s * size + b] = g[b * size + s] = counts[t * size + b];
        }
    }

    // Splits the raters of the set's unpopular films into those who rated one of them (listed by film, ascending
    // user) and those who rated several (listed once, with a mask of which); leaves every user's mask at 0.
    private void SortTailRaters(ReadOnlySpan<int> set, int tails)
    {
        var masks = _masks.Span;
        var singleUsers = _singles.Span;
        var multiUsers = _multiUsers.Span;
        var multiMasks = _multiMasks.Span;
        for (int t = 0; t < tails; t++)
        {
            ulong bit = 1UL << t;
            foreach (int u in _byFilm.RowsInColumn(set[_tailSlot[t]]))
                masks[u] |= bit;
        }
        int singles = 0;
        _multiCount = 0;
        for (int t = 0; t < tails; t++)
        {
            _singleStart[t] = singles;
            ulong bit = 1UL << t;
            foreach (int u in _byFilm.RowsInColumn(set[_tailSlot[t]]))
            {
                ulong mask = masks[u];
                if (mask == bit)
                {
                    singleUsers[singles++] = u;
                    masks[u] = 0;
                    continue;
                }
                // Met once per film rated: listed at the lowest, cleared at the highest.
                if ((mask & (bit - 1)) == 0)
                {
                    multiUsers[_multiCount] = u;
                    multiMasks[_multiCount++] = mask;
                }
                if (mask >> t == 1)
                    masks[u] = 0;
            }
        }
        _singleStart[tails] = singles;
    }

    /// <summary>Hands the per-user buffers back to the pool they came from (nothing without one); the instance is unusable afterwards.</summary>
    public void Release()
    {
        if (_scratch is null)
            return;
        _scratch.Return(_masks);
        _scratch.Return(_singles);
        _scratch.Return(_multiUsers);
        _scratch.Return(_multiMasks);
    }
}
