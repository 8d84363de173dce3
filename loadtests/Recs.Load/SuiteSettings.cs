namespace Recs.Load;

/// <summary>
/// Where the server is and how hard and how long each phase runs. The defaults are the full run on the 1M-rating
/// Letterboxd set; <see cref="Smoke"/> is a few seconds per phase against the demo catalogue.
/// </summary>
internal sealed record SuiteSettings
{
    public required Uri BaseAddress { get; init; }

    /// <summary>Usernames the store knows; cached and computed scenarios draw from all of them.</summary>
    public required IReadOnlyList<string> Users { get; init; }

    /// <summary>Film slugs of the catalogue, for uploaded exports.</summary>
    public required IReadOnlyList<string> Films { get; init; }

    /// <summary>The server's process id, for its resident memory; null finds it from the port.</summary>
    public int? ServerPid { get; init; }

    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(3);
    public TimeSpan ClosedDuration { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan OpenDuration { get; init; } = TimeSpan.FromSeconds(20);
    public TimeSpan MixDuration { get; init; } = TimeSpan.FromSeconds(60);
    public int Connections { get; init; } = 32;
    public double CachedRate { get; init; } = 10_000;
    public double ComputedRate { get; init; } = 1_000;
    public double MixRate { get; init; } = 1_000;
    public int UploadMinRatings { get; init; } = 300;
    public int UploadMaxRatings { get; init; } = 900;
    public int Seed { get; init; } = 20261126;

    /// <summary>Gives up on one answer after this long; the request counts as an error.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Runs the side-by-side phases of <see cref="CompareScenarios"/> against this kind of server instead of the suite.</summary>
    public CompareTarget? Compare { get; init; }

    /// <summary>Compare runs: the cached scenarios ask for the first this many users, whose lists the first-time phase computed.</summary>
    public int CachedUsers { get; init; } = 2;

    /// <summary>Compare runs: the most first-time requests (each for a user not asked before); null for one per known user.</summary>
    public int? FirstTimeRequests { get; init; }

    /// <summary>Compare runs: connections of the first-time phase.</summary>
    public int FirstTimeConnections { get; init; } = 2;

    /// <summary>Compare runs: open-loop rate of unknown users; 0 derives it from the closed loop as <see cref="OpenFraction"/>.</summary>
    public double UnknownRate { get; init; }

    /// <summary>Compare runs: an open loop without a given rate runs at this fraction of its closed loop's measured rate.</summary>
    public double OpenFraction { get; init; } = 0.5;

    public static SuiteSettings Smoke(Uri baseAddress, IReadOnlyList<string> users, IReadOnlyList<string> films, int? serverPid) => new()
    {
        BaseAddress = baseAddress,
        Users = users,
        Films = films,
        ServerPid = serverPid,
        WarmUp = TimeSpan.FromSeconds(1),
        ClosedDuration = TimeSpan.FromSeconds(2),
        OpenDuration = TimeSpan.FromSeconds(2),
        MixDuration = TimeSpan.FromSeconds(3),
        Connections = 4,
        CachedRate = 500,
        ComputedRate = 200,
        MixRate = 300,
        UploadMinRatings = 20,
        UploadMaxRatings = 60,
    };
}
