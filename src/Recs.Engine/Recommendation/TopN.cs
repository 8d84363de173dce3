namespace Recs.Engine.Recommendation;

/// <summary>Keeps the N highest-scoring films seen so far in a caller-owned span, as a binary min-heap (O(log N) per offer).</summary>
public ref struct TopN
{
    private readonly Span<ScoredFilm> _heap;
    private int _count;

    public TopN(Span<ScoredFilm> buffer)
    {
        _heap = buffer;
        _count = 0;
    }

    public readonly int Count => _count;

    /// <summary>Lowest score currently kept, or -∞ while the buffer is not full.</summary>
    public readonly float Threshold => _count < _heap.Length ? float.NegativeInfinity : _heap[0].Score;

    public void Offer(in ScoredFilm item)
    {
        if (_heap.Length == 0)
            return;
        if (_count < _heap.Length)
        {
            int i = _count++;
            _heap[i] = item;
            while (i > 0)
            {
                int parent = (i - 1) >> 1;
                if (!Less(_heap[i], _heap[parent]))
                    break;
                (_heap[i], _heap[parent]) = (_heap[parent], _heap[i]);
                i = parent;
            }
            return;
        }
        if (!Less(_heap[0], item))
            return;
        _heap[0] = item;
        SiftDown(0, _count);
    }

    /// <summary>Sorts the kept items best first in place and returns how many there are.</summary>
    public int SortDescending()
    {
        // Heap-sort: repeatedly move the minimum to the end, which leaves the buffer in descending order.
        for (int end = _count - 1; end > 0; end--)
        {
            (_heap[0], _heap[end]) = (_heap[end], _heap[0]);
            SiftDown(0, end);
        }
        return _count;
    }

    private readonly void SiftDown(int i, int size)
    {
        while (true)
        {
            int left = 2 * i + 1;
            if (left >= size)
                return;
            int smallest = left + 1 < size && Less(_heap[left + 1], _heap[left]) ? left + 1 : left;
            if (!Less(_heap[smallest], _heap[i]))
                return;
            (_heap[i], _heap[smallest]) = (_heap[smallest], _heap[i]);
            i = smallest;
        }
    }

    // Ties broken by film index so results are deterministic.
    private static bool Less(in ScoredFilm a, in ScoredFilm b) =>
        a.Score < b.Score || (a.Score == b.Score && a.Film > b.Film);
}
