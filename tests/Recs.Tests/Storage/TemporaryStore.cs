using Recs.Engine.Storage;

namespace Recs.Tests.Storage;

/// <summary>A store on a throwaway database that disappears when disposed.</summary>
public abstract class TemporaryStore : IAsyncDisposable
{
    public abstract IRatingStore Store { get; }

    public abstract ValueTask DisposeAsync();
}
