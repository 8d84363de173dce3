using System.Globalization;
using System.Text;

namespace Recs.Load;

/// <summary>
/// What request builders draw from: known users, films to rate, fresh usernames. Draws come from one seeded
/// generator under a lock, so a run's sequence of users is reproducible and builders may run on any thread.
/// </summary>
internal sealed class RequestContext(SuiteSettings settings)
{
    private readonly Random _random = new(settings.Seed);
    private readonly Lock _lock = new();
    // Distinguishes this run's usernames from an earlier run's against the same store (usernames are at most 32 chars).
    private readonly string _run = DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
    private int _fresh;
    private int _firstTime = -1;

    public string KnownUser() => Pick(settings.Users);

    /// <summary>Known users in the order of the users file, each handed out once; throws when every one has been.</summary>
    public string FirstTimeUser()
    {
        int i = Interlocked.Increment(ref _firstTime);
        return i < settings.Users.Count ? settings.Users[i]
            : throw new InvalidOperationException($"all {settings.Users.Count} users have had their first request");
    }

    /// <summary>One of the first <see cref="SuiteSettings.CachedUsers"/> users: those the first-time phase asked for first.</summary>
    public string CachedUser() => settings.Users[Next(Math.Min(settings.CachedUsers, settings.Users.Count))];

    public string UnknownUser() => $"nobody_{Next(1_000_000)}";

    public string FreshUser() => $"load{_run}_{Interlocked.Increment(ref _fresh)}";

    public T Pick<T>(IReadOnlyList<T> values) => values[Next(values.Count)];

    /// <summary>
    /// A Letterboxd ratings.csv of distinct films, between the settings' minimum and maximum count. Films are named by
    /// their letterboxd.com/film/{slug}/ address, which the service matches directly.
    /// </summary>
    public byte[] ExportCsv()
    {
        int count;
        var chosen = new HashSet<int>();
        lock (_lock)
        {
            count = Math.Min(settings.Films.Count, _random.Next(settings.UploadMinRatings, settings.UploadMaxRatings + 1));
            while (chosen.Count < count)
                chosen.Add(_random.Next(settings.Films.Count));
        }
        var csv = new StringBuilder("Date,Name,Year,Letterboxd URI,Rating\n", 64 * count);
        foreach (int f in chosen)
        {
            string slug = settings.Films[f];
            // Half-star ratings from 0.5 to 5, as Letterboxd records them.
            float stars = (1 + (f * 7 + count) % 10) / 2f;
            csv.Append("2024-03-01,").Append(slug).Append(",,https://letterboxd.com/film/").Append(slug).Append("/,")
               .Append(stars.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    public int Next(int max)
    {
        lock (_lock)
            return _random.Next(max);
    }
}
