using System.Text.Json;

namespace Recs.Tests.Deployment;

/// <summary>
/// The instructions of a Dockerfile's last stage (the image that runs), continuation lines joined: enough to read what
/// the container runs, as whom, on which port and with which environment.
/// </summary>
internal sealed class Dockerfile
{
    private readonly List<(string Instruction, string Arguments)> _lines;

    private Dockerfile(List<(string, string)> lines) => _lines = lines;

    public static Dockerfile Read(string path)
    {
        var joined = new List<string>();
        string pending = "";
        foreach (string raw in File.ReadAllLines(path))
        {
            string line = raw.Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
                continue;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            joined.Add(pending + line);
            pending = "";
        }
        int lastStage = joined.FindLastIndex(l => l.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase));
        return new Dockerfile([.. joined.Skip(lastStage).Select(l =>
        {
            int space = l.IndexOf(' ', StringComparison.Ordinal);
            return (l[..space].ToUpperInvariant(), l[(space + 1)..].Trim());
        })]);
    }

    /// <summary>The arguments of every instruction of that name, in order.</summary>
    public IEnumerable<string> All(string instruction) =>
        _lines.Where(l => l.Instruction == instruction).Select(l => l.Arguments);

    /// <summary>The arguments of the last instruction of that name (the one in force), or null.</summary>
    public string? Last(string instruction) => All(instruction).LastOrDefault();

    /// <summary>Every ENV name=value of the stage.</summary>
    public Dictionary<string, string> Environment() =>
        All("ENV").SelectMany(a => a.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    /// <summary>What the container runs: the exec-form ENTRYPOINT followed by CMD.</summary>
    public string[] Command() => [.. ExecForm("ENTRYPOINT"), .. ExecForm("CMD")];

    private string[] ExecForm(string instruction) =>
        Last(instruction) is { } json ? [.. JsonDocument.Parse(json).RootElement.EnumerateArray().Select(e => e.GetString()!)] : [];
}
