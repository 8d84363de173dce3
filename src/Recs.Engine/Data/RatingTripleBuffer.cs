namespace Recs.Engine.Data;

/// <summary>
/// An append-only store of (user index, film index, stars) in parallel flat arrays, grown in chunks rather than by
/// doubling one array: ten million ratings never need a second copy of themselves while they are read, and each
/// chunk can be dropped as soon as it has been placed.
/// </summary>
internal sealed class RatingTripleBuffer
{
    // 1 M entries: 4 MB per array, large enough that the per-chunk overhead vanishes, small enough to keep the slack low.
    private const int MaxChunkLength = 1 << 20;
    private const int FirstChunkLength = 1 << 10;

    private readonly List<Chunk> _full = [];
    private Chunk _current = new(FirstChunkLength);

    /// <summary>How many triples were added.</summary>
    public long Count { get; private set; }

    public void Add(int user, int film, float stars)
    {
        if (_current.Length == _current.Users.Length)
            Grow();
        int at = _current.Length++;
        _current.Users[at] = user;
        _current.Films[at] = film;
        _current.Stars[at] = stars;
        Count++;
    }

    /// <summary>
    /// Hands every chunk to <paramref name="visit"/> in the order added (users, films, stars, each the same length) and
    /// empties the buffer as it goes, so a chunk's memory can be reclaimed once it has been visited.
    /// </summary>
    public void Drain(Action<ReadOnlySpan<int>, ReadOnlySpan<int>, ReadOnlySpan<float>> visit)
    {
        _full.Add(_current);
        _current = new Chunk(0);
        for (int i = 0; i < _full.Count; i++)
        {
            var chunk = _full[i];
            _full[i] = null!;
            visit(chunk.Users.AsSpan(0, chunk.Length), chunk.Films.AsSpan(0, chunk.Length), chunk.Stars.AsSpan(0, chunk.Length));
        }
        _full.Clear();
        Count = 0;
    }

    private void Grow()
    {
        // The first chunks double, so a small read (a test, the demo catalogue) does not allocate 12 MB.
        if (_current.Users.Length < MaxChunkLength)
        {
            var bigger = new Chunk(System.Math.Min(MaxChunkLength, System.Math.Max(FirstChunkLength, _current.Users.Length * 2)));
            _current.Users.AsSpan().CopyTo(bigger.Users);
            _current.Films.AsSpan().CopyTo(bigger.Films);
            _current.Stars.AsSpan().CopyTo(bigger.Stars);
            bigger.Length = _current.Length;
            _current = bigger;
            return;
        }
        _full.Add(_current);
        _current = new Chunk(MaxChunkLength);
    }

    private sealed class Chunk(int capacity)
    {
        public readonly int[] Users = new int[capacity];
        public readonly int[] Films = new int[capacity];
        public readonly float[] Stars = new float[capacity];
        public int Length;
    }
}
