using System.Text.Json;

namespace Recs.Load;

/// <summary>The run as JSON (snake_case), for tools that compare runs.</summary>
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
}
