using System.Text.Json;

namespace Recs.Load;

/// <summary>The run as JSON (snake_case), for tools that compare runs, and read back for <see cref="RatioReport"/>.</summary>
internal static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static string Render(SuiteResult run) => JsonSerializer.Serialize(new
    {
        started_at = run.StartedAt,
        server = run.Server,
        server_pid = run.ServerPid,
        machine = run.Machine,
        passed = run.Passed,
        phases = run.Phases,
        checks = run.Checks,
    }, Options);

    /// <summary>When a run written by <see cref="Render"/> started, on what machine, and its phases.</summary>
    public static RecordedRun Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var phases = root.GetProperty("phases").Deserialize<List<PhaseResult>>(Options)
            ?? throw new FormatException("the run has no phases");
        return new RecordedRun(root.GetProperty("started_at").GetDateTimeOffset(), root.GetProperty("machine").GetString() ?? "", phases);
    }
}
