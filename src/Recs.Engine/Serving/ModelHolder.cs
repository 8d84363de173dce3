namespace Recs.Engine.Serving;

/// <summary>
/// The current model behind one volatile reference: readers never lock, a new model replaces the old one atomically,
/// and a request that already holds the old model finishes with it.
/// </summary>
public sealed class ModelHolder
{
    private ServingModel? _current;

    /// <summary>The model to serve, or null before the first successful load.</summary>
    public ServingModel? Current => Volatile.Read(ref _current);

    public void Swap(ServingModel model) => Volatile.Write(ref _current, model);
}
