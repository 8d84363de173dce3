using System.Buffers;

namespace Recs.Math;

/// <summary>
/// One loan of a <see cref="PageBlock"/> as <see cref="Memory{T}"/> of a fixed length. Once the loan is returned (or
/// its pool disposed) asking for its span throws, so a buffer used after its return fails loudly instead of writing
/// into another borrower's memory.
/// </summary>
internal sealed unsafe class PageView<T>(ScratchPool pool, PageBlock block, int length) : MemoryManager<T> where T : unmanaged
{
    public ScratchPool Pool { get; } = pool;

    public PageBlock Block { get; } = block;

    public bool Returned { get; set; }

    public override Span<T> GetSpan() => new(First, length);

    // The pages never move, so pinning is a pointer.
    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)elementIndex, (uint)length, nameof(elementIndex));
        return new MemoryHandle(First + elementIndex);
    }

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }

    // The one check every access goes through: a returned loan, or pages already unmapped, throw.
    private T* First
    {
        get
        {
            ObjectDisposedException.ThrowIf(Returned, this);
            return (T*)Block.Pointer;
        }
    }
}
