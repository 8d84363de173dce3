using Recs.Math;

namespace Recs.Engine.Data;

/// <summary>
/// An append-only store of (user index, film index, stars) in parallel flat chunks on pages of its own
/// (<see cref="ScratchPool"/>), outside the collected heap: ten million ratings never need a second copy of themselves
/// while they are read, each chunk is unmapped as soon as it has been placed, and none of it is left for the collector
/// to keep committed after the read. A chunk is mapped whole but only the pages written become resident, so a small
/// read (a test, the demo catalogue) costs a few pages.
/// </summary>
internal sealed unsafe class RatingTripleBuffer
{
    // 1 M entries: 4 MB per array, large enough that the per-chunk overhead vanishes.
    private const int ChunkLength = 1 << 20;

    private readonly ScratchPool _pages = new();
    private readonly List<Chunk> _chunks = [];
    private Chunk? _current;

    /// <summary>How many triples were added.</summary>
    public long Count { get; private set; }

    public void Add(int user, int film, float stars)
    {
        if (_current is null || _current.Length == ChunkLength)
        {
            _current = new Chunk(_pages);
            _chunks.Add(_current);
        }
        int at = _current.Length++;
        _current.Users[at] = user;
        _current.Films[at] = film;
        _current.Stars[at] = stars;
        Count++;
    }

    /// <summary>
    /// Hands every chunk to <paramref name="visit"/> in the order added (users, films, stars, each the same length) and
    /// empties the buffer as it goes, unmapping each chunk once it has been visited.
    /// </summary>
    public void Drain(Action<ReadOnlySpan<int>, ReadOnlySpan<int>, ReadOnlySpan<float>> visit)
    {
        foreach (var chunk in _chunks)
        {
            visit(new ReadOnlySpan<int>(chunk.Users, chunk.Length), new ReadOnlySpan<int>(chunk.Films, chunk.Length),
                new ReadOnlySpan<float>(chunk.Stars, chunk.Length));
            chunk.Return(_pages);
            _pages.Trim();
        }
        _chunks.Clear();
        _current = null;
        Count = 0;
    }

    private sealed class Chunk
    {
        private readonly Memory<int> _users;
        private readonly Memory<int> _films;
        private readonly Memory<float> _stars;

        public Chunk(ScratchPool pages)
        {
            _users = pages.Rent<int>(ChunkLength);
            _films = pages.Rent<int>(ChunkLength);
            _stars = pages.Rent<float>(ChunkLength);
            // The pages never move: the handles are plain pointers, kept for the chunk's life.
            Users = (int*)_users.Pin().Pointer;
            Films = (int*)_films.Pin().Pointer;
            Stars = (float*)_stars.Pin().Pointer;
        }

        public int* Users { get; }
        public int* Films { get; }
        public float* Stars { get; }
        public int Length { get; set; }

        public void Return(ScratchPool pages)
        {
            pages.Return(_users);
            pages.Return(_films);
            pages.Return(_stars);
        }
    }
}
