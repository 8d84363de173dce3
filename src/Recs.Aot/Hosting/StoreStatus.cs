namespace Recs.Aot.Hosting;

/// <summary>What the service last learned about its database: reachable or not, and the last error.</summary>
public sealed class StoreStatus
{
    private volatile string? _lastError;
    private volatile bool _connected;

    public bool Connected => _connected;
    public string? LastError => _lastError;

    public void MarkConnected()
    {
        _connected = true;
        _lastError = null;
    }

    public void MarkFailed(Exception error)
    {
        _connected = false;
        _lastError = error.Message;
    }
}
