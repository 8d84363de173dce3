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
               recs-load ratio --recs FILE --peer FILE [--markdown FILE]   compare runs' JSON side by side
          --users FILE          usernames the store knows, one a line
          --films FILE          film slugs, one a line, or a Letterboxd data set's movies.csv
          --pid N               the server's process id (default: found from the port)
          --smoke               a few seconds per phase; checks only that every answer is the expected one
          --closed-seconds S    --open-seconds S    --mix-seconds S    --warmup-seconds S
          --connections N       --cached-rate R     --computed-rate R  --mix-rate R
          --timeout-seconds S   how long to wait for one answer (default 10)
          --markdown FILE       --json FILE         where to write the results (the Markdown also goes to stdout)
          --compare recs|peer   the side-by-side phases instead of the suite (loadtests/compare-seed.sh); with it:
            --cached-users N  --first-time-requests N  --first-time-connections N  --unknown-rate R  --open-fraction F
            (an open rate not given is F times the rate its closed phase measured)
        exit code: 0 every threshold passed, 1 one failed, 2 bad usage or no server found
        """;

    public static CommandLine Parse(string[] args)
    {
        var named = Named(args, out bool smoke);
        var url = new Uri(Required(named, "url"));
        if (!url.IsLoopback)
            throw new ArgumentException($"--url must be a loopback address, not {url.Host}");
        var users = Lines(Required(named, "users"));
        var films = FilmSlugs(Required(named, "films"));
        int? pid = named.TryGetValue("pid", out string? p) ? int.Parse(p, CultureInfo.InvariantCulture) : null;
        CompareTarget? compare = named.TryGetValue("compare", out string? c) ? Target(c) : null;
        var settings = smoke ? SuiteSettings.Smoke(url, users, films, pid) : new SuiteSettings { BaseAddress = url, Users = users, Films = films, ServerPid = pid };
        settings = settings with
        {
            WarmUp = Seconds(named, "warmup-seconds") ?? settings.WarmUp,
            ClosedDuration = Seconds(named, "closed-seconds") ?? settings.ClosedDuration,
            OpenDuration = Seconds(named, "open-seconds") ?? settings.OpenDuration,
            MixDuration = Seconds(named, "mix-seconds") ?? settings.MixDuration,
            Connections = (int?)Number(named, "connections") ?? settings.Connections,
            // A compare run derives an open rate it is not given from its closed phase; 0 asks for that.
            CachedRate = Number(named, "cached-rate") ?? (compare is null ? settings.CachedRate : 0),
            ComputedRate = Number(named, "computed-rate") ?? settings.ComputedRate,
            MixRate = Number(named, "mix-rate") ?? settings.MixRate,
            RequestTimeout = Seconds(named, "timeout-seconds") ?? settings.RequestTimeout,
            Compare = compare,
            CachedUsers = (int?)Number(named, "cached-users") ?? settings.CachedUsers,
            FirstTimeRequests = (int?)Number(named, "first-time-requests") ?? settings.FirstTimeRequests,
            FirstTimeConnections = (int?)Number(named, "first-time-connections") ?? settings.FirstTimeConnections,
            UnknownRate = Number(named, "unknown-rate") ?? settings.UnknownRate,
            OpenFraction = Number(named, "open-fraction") ?? settings.OpenFraction,
        };
        // A compare run has no limits to meet: it records both services, and only asks that every answer is the expected one.
        return new CommandLine(settings, smoke || compare is not null ? Thresholds.Smoke : Thresholds.Default,
            named.GetValueOrDefault("markdown"), named.GetValueOrDefault("json"));
    }

    /// <summary>
    /// Options as <c>--name value</c> pairs, and whether the one flag (<c>--smoke</c>) was given; anything else throws.
    /// </summary>
    public static Dictionary<string, string> Named(IEnumerable<string> args, out bool smoke)
    {
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        smoke = false;
        var list = args.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] == "--smoke")
                smoke = true;
            else if (list[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < list.Count)
                named[list[i][2..]] = list[++i];
            else
                throw new ArgumentException($"unexpected argument '{list[i]}'");
        }
        return named;
    }

    private static CompareTarget Target(string name) => name switch
    {
        "recs" => CompareTarget.Recs,
        "peer" => CompareTarget.Peer,
        _ => throw new ArgumentException($"--compare takes recs or peer, not '{name}'"),
    };

    public static string Required(Dictionary<string, string> named, string name) =>
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
