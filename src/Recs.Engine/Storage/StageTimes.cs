namespace Recs.Engine.Storage;

/// <summary>
/// Wall-clock time spent in each named stage of one import or bulk write, listed in the order the stages were first
/// recorded; a stage recorded twice adds up. Safe to record from the reading thread and the writing thread at once.
/// </summary>
public sealed class StageTimes
{
    private readonly List<(string Stage, TimeSpan Elapsed)> _stages = [];
    private readonly Lock _lock = new();
    private TimeSpan _waitingForRows;

    /// <summary>Time the writing thread spent waiting for rows the reading thread had not parsed yet.</summary>
    public TimeSpan WaitingForRows
    {
        get
        {
            lock (_lock)
                return _waitingForRows;
        }
    }

    /// <summary>Adds <paramref name="elapsed"/> to <paramref name="stage"/>.</summary>
    public void Add(string stage, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(stage);
        lock (_lock)
        {
            int at = _stages.FindIndex(s => s.Stage == stage);
            if (at < 0)
                _stages.Add((stage, elapsed));
            else
                _stages[at] = (stage, _stages[at].Elapsed + elapsed);
        }
    }

    /// <summary>Records time the writer waited for parsed rows, listed as its own stage as well.</summary>
    public void AddWaitingForRows(TimeSpan elapsed)
    {
        lock (_lock)
            _waitingForRows += elapsed;
        Add("writer waiting for parsed rows", elapsed);
    }

    /// <summary>The stages recorded so far, in order.</summary>
    public IReadOnlyList<(string Stage, TimeSpan Elapsed)> Stages
    {
        get
        {
            lock (_lock)
                return [.. _stages];
        }
    }
}
