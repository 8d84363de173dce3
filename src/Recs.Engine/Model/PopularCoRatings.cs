using Recs.Engine.Data;
using Recs.Math;

namespace Recs.Engine.Model;

/// <summary>
/// The P most-rated films, for counting co-ratings when the full packed "rated by" matrix does not fit: who rated each
/// of them (bit rows over users, 12.5 KB each at 100,000 users, so a row probed for every visitor of a neighbour set
/// stays in L1) and their P×P co-rating counts, which <see cref="ItemNeighbours.Build"/> fills as a by-product of the
/// rows it counts anyway. Neighbour lists are full of these films, and their pairs are the expensive ones to count
/// from rater lists. Built with a <see cref="ScratchPool"/>, the bit rows and counts (up to
/// <see cref="ItemNeighbours.PackedRatersBudgetBytes"/>) live on its pages and are valid while the pool is.
/// </summary>
public sealed class PopularCoRatings
{
    private readonly int[] _columnOf;
    private readonly Memory<int> _coCounts;
    private readonly bool[] _stored;

    private PopularCoRatings(int[] films, int[] columnOf, PackedBinaryMatrix raters, ScratchPool? scratch)
    {
        Films = films;
        _columnOf = columnOf;
        Raters = raters;
        // Every row is written by StoreRow before it is read (IsComplete), so a pooled block needs no clearing.
        int cells = films.Length * films.Length;
        _coCounts = scratch is null ? new int[cells] : scratch.Rent<int>(cells);
        _stored = new bool[films.Length];
    }

    /// <summary>Film of each column, most-rated first (ties by lower film index).</summary>
    public int[] Films { get; }

    /// <summary>P × users bits: bit (c, u) set when user u rated film Films[c].</summary>
    public PackedBinaryMatrix Raters { get; }

    public int Count => Films.Length;

    /// <summary>True once <see cref="ItemNeighbours.Build"/> has stored the co-counts of every popular film.</summary>
    public bool IsComplete => Array.IndexOf(_stored, false) < 0;

    /// <summary>Bytes held for P popular films and the given number of users: the bit rows plus the P×P counts.</summary>
    public static long BytesFor(int popular, int users) =>
        PackedBinaryMatrix.BytesFor(popular, users) + (long)popular * popular * sizeof(int);

    /// <summary>
    /// Picks the largest P whose structures fit <paramref name="budgetBytes"/> (at most the number of rated films);
    /// null when the data has no ratings or not even one film fits. The structures go on <paramref name="scratch"/>'s
    /// pages when given.
    /// </summary>
    public static PopularCoRatings? Choose(RatingsDataset data, long budgetBytes, SparsePattern? byFilm = null, ScratchPool? scratch = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        int rated = 0;
        for (int f = 0; f < data.FilmCount; f++)
            rated += data.RatingCountOf(f) > 0 ? 1 : 0;
        int lo = 0, hi = rated;
        while (lo < hi)
        {
            int mid = lo + (hi - lo + 1) / 2;
            if (BytesFor(mid, data.UserCount) <= budgetBytes)
                lo = mid;
            else
                hi = mid - 1;
        }
        return lo == 0 || data.UserCount == 0 ? null : Of(data, lo, byFilm, scratch);
    }

    /// <summary>
    /// The <paramref name="count"/> most-rated films (1 ≤ count ≤ films); throws ArgumentOutOfRangeException otherwise.
    /// Their raters come from <paramref name="byFilm"/> (the data's pattern), built from the data when not given; the
    /// bit rows, the counts and the rater lists they are packed from are rented from <paramref name="scratch"/> when given.
    /// </summary>
    public static PopularCoRatings Of(RatingsDataset data, int count, SparsePattern? byFilm = null, ScratchPool? scratch = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, data.FilmCount);
        var order = new int[data.FilmCount];
        var keys = new long[data.FilmCount];
        for (int f = 0; f < order.Length; f++)
        {
            order[f] = f;
            // Descending count, then ascending index: one sort key, so the choice never depends on the sort's stability.
            keys[f] = ((long)(int.MaxValue - data.RatingCountOf(f)) << 32) | (uint)f;
        }
        Array.Sort(keys, order);
        var films = order[..count];
        var columnOf = new int[data.FilmCount];
        Array.Fill(columnOf, -1);
        for (int c = 0; c < films.Length; c++)
            columnOf[films[c]] = c;

        var offsets = new int[count + 1];
        for (int c = 0; c < count; c++)
            offsets[c + 1] = offsets[c] + data.RatingCountOf(films[c]);
        // The popular films' rater lists, only to pack them: at 10M ratings they are several million entries.
        Memory<int> users = scratch is null ? new int[offsets[^1]] : scratch.Rent<int>(offsets[^1]);
        byFilm ??= data.BuildPattern();
        for (int c = 0; c < count; c++)
            byFilm.RowsInColumn(films[c]).CopyTo(users.Span[offsets[c]..]);
        var raters = PackedBinaryMatrix.FromCompressedRows(offsets, users.Span, data.UserCount, scratch);
        scratch?.Return(users);
        return new PopularCoRatings(films, columnOf, raters, scratch);
    }

    /// <summary>Column of a film among the popular ones, or −1.</summary>
    public int ColumnOf(int film) => _columnOf[film];

    /// <summary>Co-rating count of the popular films in columns a and b (b's rating count when a = b).</summary>
    public int CoCount(int a, int b) => _coCounts.Span[a * Films.Length + b];

    /// <summary>Every co-count, row-major Count × Count: one span for a caller that reads many pairs.</summary>
    internal ReadOnlySpan<int> CoCounts => _coCounts.Span;

    /// <summary>Keeps a popular film's co-counts; countsByFilm[f] must be its co-rating count with every film f.</summary>
    internal void StoreRow(int film, ReadOnlySpan<int> countsByFilm)
    {
        int row = _columnOf[film];
        if (row < 0)
            return;
        var target = _coCounts.Span.Slice(row * Films.Length, Films.Length);
        for (int c = 0; c < target.Length; c++)
            target[c] = countsByFilm[Films[c]];
        _stored[row] = true;
    }
}
