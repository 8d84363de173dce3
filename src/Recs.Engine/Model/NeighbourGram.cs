using System.Numerics;
using System.Runtime.CompilerServices;
using Recs.Engine.Data;

namespace Recs.Engine.Model;

/// <summary>
/// Counts the co-rating Gram of a small set of films (at most <see cref="MaxTailFilms"/> of them outside the popular
/// ones) without the packed matrix: popular pairs are looked up, and the other films' raters are visited once each,
/// each user carrying a bit mask of the set's films they rated. That costs Σ raters of the unpopular films, plus one
/// bit probe per popular film per visited user, instead of one scan of a (long, popular) rater list per pair.
/// One instance per worker: it holds a mask per user.
/// </summary>
internal sealed class NeighbourGram
{
    /// <summary>Films of a set outside the popular ones that one 64-bit mask per user can tell apart.</summary>
    public const int MaxTailFilms = 64;

    private readonly RatingsDataset _data;
    private readonly PopularCoRatings _popular;
    private readonly ulong[] _masks;
    private readonly int[] _touched;
    private readonly ulong[] _touchedMasks;
    private readonly int[] _tailSlot = new int[MaxTailFilms];
    private readonly int[] _popularSlot;
    private readonly int[] _popularColumn;
    private readonly int[] _counts;

    public NeighbourGram(RatingsDataset data, PopularCoRatings popular, int maxSetSize)
    {
        _data = data;
        _popular = popular;
        _masks = new ulong[data.UserCount];
        _touched = new int[data.UserCount];
        _touchedMasks = new ulong[data.UserCount];
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
        for (int a = 0; a < populars; a++)
        {
            for (int b = a; b < populars; b++)
            {
                double count = _popular.CoCount(_popularColumn[a], _popularColumn[b]);
                g[_popularSlot[a] * size + _popularSlot[b]] = g[_popularSlot[b] * size + _popularSlot[a]] = count;
            }
        }
        if (tails == 0)
            return;

        int touched = MarkTailRaters(set, tails);
        var counts = _counts.AsSpan(0, tails * size);
        counts.Clear();
        var users = _touched.AsSpan(0, touched);
        var masks = _touchedMasks.AsSpan(0, touched);
        for (int t = 0; t < users.Length; t++)
        {
            ulong mask = _masks[users[t]];
            _masks[users[t]] = 0;
            masks[t] = mask;
            // Tail pairs, from this user's mask alone.
            for (ulong rest = mask; rest != 0; rest &= rest - 1)
            {
                int row = BitOperations.TrailingZeroCount(rest) * size;
                for (ulong other = mask; other != 0; other &= other - 1)
                    counts[row + _tailSlot[BitOperations.TrailingZeroCount(other)]]++;
            }
        }
        // Tail × popular pairs: each popular film's bit row (12.5 KB at 100,000 users) stays in L1 while every
        // visitor is probed against it; probing user by user would instead miss cache on every row.
        var raters = _popular.Raters;
        for (int p = 0; p < populars; p++)
        {
            int slot = _popularSlot[p];
            var row = raters.RowWords(_popularColumn[p]);
            for (int t = 0; t < users.Length; t++)
            {
                int u = users[t];
                if ((row[u >> 6] & (1UL << u)) == 0)
                    continue;
                for (ulong rest = masks[t]; rest != 0; rest &= rest - 1)
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

    // Sets bit t of every rater of the set's t-th unpopular film and lists each such user once; returns how many.
    private int MarkTailRaters(ReadOnlySpan<int> set, int tails)
    {
        int touched = 0;
        for (int t = 0; t < tails; t++)
        {
            ulong bit = 1UL << t;
            foreach (int u in _data.RatersOf(set[_tailSlot[t]]))
            {
                if (_masks[u] == 0)
                    _touched[touched++] = u;
                _masks[u] |= bit;
            }
        }
        return touched;
    }
}
