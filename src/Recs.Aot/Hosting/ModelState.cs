namespace Recs.Aot.Hosting;

/// <summary>Progress of model building, as reported by /health.</summary>
public sealed class ModelState
{
    private volatile string _state = "starting";
    private volatile string? _lastError;

    /// <summary>starting (nothing read yet), loading, ready or failed (a failed reload keeps serving the previous model).</summary>
    public string State => _state;
    public string? LastError => _lastError;
    public bool DemoData { get; set; }

    private volatile string _training = "idle";
    private volatile string? _lastTrainingError;
    private volatile string? _modelSource;

    /// <summary>idle or training (in the background, while the previous model serves).</summary>
    public string Training => _training;

    /// <summary>Why the last training or snapshot load failed, cleared by the next successful training.</summary>
    public string? LastTrainingError => _lastTrainingError;

    /// <summary>Where the served trained model came from: "snapshot", "training", "published" (by another replica), or null while none serves.</summary>
    public string? ModelSource => _modelSource;

    public void TrainingStarted() => _training = "training";

    public void TrainingFinished(string? error)
    {
        _training = "idle";
        _lastTrainingError = error;
        if (error is null)
            _modelSource = "training";
    }

    private volatile string? _dataSource;

    /// <summary>How the data served was last read: "snapshot", "store" or "changes" (see ModelHealth).</summary>
    public string? DataSource => _dataSource;

    public void DataRead(string source) => _dataSource = source;

    public void SnapshotLoaded() => _modelSource = "snapshot";

    public void PublishedModelLoaded()
    {
        _modelSource = "published";
        _lastTrainingError = null;
    }

    public void SnapshotRejected(string reason) => _lastTrainingError = $"snapshot rejected: {reason}";

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
