namespace Recs.Load;

/// <summary>
/// <c>recs-load ratio --recs FILE --peer FILE [--markdown FILE]</c>: the ratio table of two compare runs' JSON reports,
/// to stdout and optionally to a file.
/// </summary>
internal static class RatioCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var named = CommandLine.Named(args, out _);
        var recs = JsonReport.Read(await File.ReadAllTextAsync(CommandLine.Required(named, "recs")));
        var peer = JsonReport.Read(await File.ReadAllTextAsync(CommandLine.Required(named, "peer")));
        string markdown = RatioReport.Render(recs, peer);
        Console.Write(markdown);
        if (named.GetValueOrDefault("markdown") is { } path)
            await File.WriteAllTextAsync(path, markdown);
        return 0;
    }
}
