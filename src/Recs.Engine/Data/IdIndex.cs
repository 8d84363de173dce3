namespace Recs.Engine.Data;

/// <summary>
/// Maps a store's integer ids to dense indices 0..n-1 in the order the ids were given; unknown ids map to -1.
/// Throws <see cref="ArgumentException"/> when an id is given twice.
/// </summary>
internal sealed class IdIndex
{
    // Ids from an identity column or SQLite's rowid are mostly dense, so a flat table answers the millions of look-ups
    // of a whole read in one load each; ids far sparser than that (or negative) fall back to a dictionary.
    private const int MinimumTableLength = 1 << 16;
    private const int TableSlack = 4;

    private readonly int[]? _table;
    private readonly Dictionary<long, int>? _map;

    public IdIndex(List<long> ids)
    {
        long max = -1;
        bool negative = false;
        foreach (long id in ids)
        {
            negative |= id < 0;
            max = System.Math.Max(max, id);
        }
        if (!negative && max < System.Math.Max(MinimumTableLength, (long)TableSlack * ids.Count))
        {
            _table = new int[max + 1];
            Array.Fill(_table, -1);
            for (int i = 0; i < ids.Count; i++)
            {
                ref int slot = ref _table[ids[i]];
                if (slot >= 0)
                    throw Duplicate(ids[i]);
                slot = i;
            }
        }
        else
        {
            _map = new Dictionary<long, int>(ids.Count);
            for (int i = 0; i < ids.Count; i++)
            {
                if (!_map.TryAdd(ids[i], i))
                    throw Duplicate(ids[i]);
            }
        }
    }

    /// <summary>The index of <paramref name="id"/>, or -1 when it was not given.</summary>
    public int IndexOf(long id)
    {
        if (_table is { } table)
            return (ulong)id < (ulong)table.Length ? table[id] : -1;
        return _map!.TryGetValue(id, out int index) ? index : -1;
    }

    private static ArgumentException Duplicate(long id) => new($"id {id} is given twice", nameof(id));
}
