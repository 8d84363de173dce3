namespace Recs.Math;

/// <summary>
/// One run of <see cref="MappedPages"/>, owned by a <see cref="ScratchPool"/>. Released by <see cref="Dispose"/> or,
/// for a pool nobody disposed, by the finalizer.
/// </summary>
internal sealed unsafe class PageBlock : IDisposable
{
    private void* _pointer;

    public PageBlock(long bytes)
    {
        Bytes = bytes;
        _pointer = MappedPages.Map((nuint)bytes);
    }

    ~PageBlock() => Release();

    public long Bytes { get; }

    public bool IsReleased => _pointer is null;

    /// <summary>The first byte; throws <see cref="ObjectDisposedException"/> once released.</summary>
    public void* Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_pointer is null, this);
            return _pointer;
        }
    }

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private void Release()
    {
        if (_pointer is null)
            return;
        MappedPages.Unmap(_pointer, (nuint)Bytes);
        _pointer = null;
    }
}
