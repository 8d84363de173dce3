using System.Globalization;

namespace Recs.Load;

/// <summary>
/// Parses <c>recs-load --url http://127.0.0.1:PORT --users FILE --films FILE [options]</c> into settings, limits and
/// output paths. Only loopback addresses are accepted: the suite is for a server on this machine.
/// </summary>
internal sealed record CommandLine(SuiteSettings Settings, Thresholds Limits, string? MarkdownPath, string? JsonPath)
{
    public const string Usage = """
        usage: recs-load --url http://127.0.0.1:PORT --users FILE --films FILE [options]
          --users FILE          usernames the store knows, one a line
          --films FILE          film slugs, one a line, or a Letterboxd data set's movies.csv
          --pid N               the server's process id (default: found from the port)
          --smoke               a few seconds per phase; checks only that every answer is the expected one
          --closed-seconds S    --open-seconds S    --mix-seconds S    --warmup-seconds S
          --connections N       --cached-rate R     --computed-rate R  --mix-rate R
          --markdown FILE       --json FILE         where to write the results (the Markdown also goes to stdout)
        exit code: 0 every threshold passed, 1 one failed, 2 bad usage or no server found
        """;

    public static CommandLine Parse(string[] args)
    {
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        bool smoke = false;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--smoke")
                smoke = true;
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
                named[args[i][2..]] = args[++i];
            else
                throw new ArgumentException($"unexpected argument '{args[i]}'");
        }
        var url = new Uri(Required(named, "url"));
        if (!url.IsLoopback)
            throw new ArgumentException($"--url must be a loopback address, not {url.Host}");
        var users = Lines(Required(named, "users"));
        var films = FilmSlugs(Required(named, "films"));
        int? pid = named.TryGetValue("pid", out string? p) ? int.Parse(p, CultureInfo.InvariantCulture) : null;
        var settings = smoke ? SuiteSettings.Smoke(url, users, films, pid) : new SuiteSettings { BaseAddress = url, Users = users, Films = films, ServerPid = pid };
        settings = settings with
        {
            WarmUp = Seconds(named, "warmup-seconds") ?? settings.WarmUp,
            ClosedDuration = Seconds(named, "closed-seconds") ?? settings.ClosedDuration,
            OpenDuration = Seconds(named, "open-seconds") ?? settings.OpenDuration,
            MixDuration = Seconds(named, "mix-seconds") ?? settings.MixDuration,
            Connections = (int?)Number(named, "connections") ?? settings.Connections,
            CachedRate = Number(named, "cached-rate") ?? settings.CachedRate,
            ComputedRate = Number(named, "computed-rate") ?? settings.ComputedRate,
            MixRate = Number(named, "mix-rate") ?? settings.MixRate,
        };
        return new CommandLine(settings, smoke ? Thresholds.Smoke : Thresholds.Default,
            named.GetValueOrDefault("markdown"), named.GetValueOrDefault("json"));
    }

    private static string Required(Dictionary<string, string> named, string name) =>
        named.TryGetValue(name, out string? value) ? value : throw new ArgumentException($"--{name} is required");

    private static double? Number(Dictionary<string, string> named, string name) =>
        named.TryGetValue(name, out string? value) ? double.Parse(value, CultureInfo.InvariantCulture) : null;

    private static TimeSpan? Seconds(Dictionary<string, string> named, string name) =>
        Number(named, name) is { } s ? TimeSpan.FromSeconds(s) : null;

    private static string[] Lines(string path)
    {
        var lines = File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        return lines.Length > 0 ? lines : throw new ArgumentException($"{path} is empty");
    }

    // A data set's movies.csv starts "movie_id,..."; its first column is the slug.
    private static string[] FilmSlugs(string path)
    {
        var lines = Lines(path);
        return lines[0].StartsWith("movie_id,", StringComparison.Ordinal)
            ? [.. lines.Skip(1).Select(l => l[..l.IndexOf(',')])]
            : lines;
    }
}
