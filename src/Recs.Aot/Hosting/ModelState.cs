namespace Recs.Aot.Hosting;

/// <summary>Progress of model building, as reported by /health.</summary>
public sealed class ModelState
{
    private volatile string _state = "none";
    private volatile string? _lastError;

    /// <summary>none, loading, ready or failed (a failed reload keeps serving the previous model).</summary>
    public string State => _state;
    public string? LastError => _lastError;
    public bool DemoData { get; set; }

    public void Loading() => _state = "loading";

    public void Ready()
    {
        _state = "ready";
        _lastError = null;
    }

    public void Failed(Exception error, bool hasModel)
    {
        _state = hasModel ? "ready" : "failed";
        _lastError = error.Message;
    }
}
