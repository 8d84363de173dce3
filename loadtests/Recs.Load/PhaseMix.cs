namespace Recs.Load;

/// <summary>Picks each request's scenario by weight and holds the recorders of one phase's scenarios.</summary>
internal sealed class PhaseMix
{
    private readonly ScenarioRecorder[] _recorders;
    private readonly int[] _cumulative;
    private readonly RequestContext _context;

    public PhaseMix(Phase phase, RequestContext context)
    {
        _context = context;
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        _recorders = [.. phase.Mix.Select(m => new ScenarioRecorder(m.Scenario, start))];
        _cumulative = new int[phase.Mix.Count];
        int total = 0;
        for (int i = 0; i < phase.Mix.Count; i++)
            _cumulative[i] = total += phase.Mix[i].Weight;
    }

    public IReadOnlyList<ScenarioRecorder> Recorders => _recorders;

    public ScenarioRecorder Pick()
    {
        if (_recorders.Length == 1)
            return _recorders[0];
        int draw = _context.Next(_cumulative[^1]);
        int i = 0;
        while (draw >= _cumulative[i])
            i++;
        return _recorders[i];
    }
}
