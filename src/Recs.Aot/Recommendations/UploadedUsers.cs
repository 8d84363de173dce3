using System.Collections.Concurrent;

namespace Recs.Aot.Recommendations;

/// <summary>
/// People who uploaded a Letterboxd export since this process started, by normalised username. Their ratings are also
/// in the store, but the loaded model only sees them after its next reload; until then the request path folds them in
/// from here. Watched and watchlisted films stay excluded from their recommendations after a reload as well.
/// </summary>
public sealed class UploadedUsers
{
    private readonly ConcurrentDictionary<string, UploadedUser> _users = new(StringComparer.Ordinal);

    public int Count => _users.Count;

    /// <summary>The latest upload of <paramref name="username"/>, if any.</summary>
    public bool TryGet(string username, out UploadedUser? user) => _users.TryGetValue(username, out user);

    /// <summary>Records (or replaces) a person's upload.</summary>
    public void Set(UploadedUser user) => _users[user.Username] = user;
}
