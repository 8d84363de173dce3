using System.Collections.Concurrent;
using Recs.Engine.Serving;

namespace Recs.Aot.Recommendations;

/// <summary>
/// People who uploaded a Letterboxd export since this process started, by normalised username. Their ratings are also
/// in the store, but the loaded model only sees them after its next reload; until then the request path folds them in
/// from here. Watched and watchlisted films stay excluded from their recommendations after a reload as well.
/// </summary>
public sealed class UploadedUsers
{
    /// <summary>Above this many people, uploads the model has absorbed are dropped (see <see cref="Prune"/>).</summary>
    public const int PruneThreshold = 10_000;

    private readonly ConcurrentDictionary<string, UploadedUser> _users = new(StringComparer.Ordinal);

    public int Count => _users.Count;

    /// <summary>The latest upload of <paramref name="username"/>, if any.</summary>
    public bool TryGet(string username, out UploadedUser? user) => _users.TryGetValue(username, out user);

    /// <summary>
    /// The person's uploaded ratings when they supersede what <paramref name="model"/> holds: the model lacks the person,
    /// or it was built before the upload (it is still the version that was serving when the upload arrived).
    /// </summary>
    public bool TrySupersede(ServingModel model, string username, out ResolvedRatings? ratings)
    {
        ratings = null;
        if (!_users.TryGetValue(username, out var user))
            return false;
        if (user.ModelVersion != model.Version && model.Data.UserIndex.ContainsKey(username))
            return false;
        ratings = user.For(model);
        return true;
    }

    /// <summary>Records a person unless they are known already (a newer upload wins over restored state).</summary>
    public bool TryAdd(UploadedUser user) => _users.TryAdd(user.Username, user);

    /// <summary>Records (or replaces) a person's upload.</summary>
    public void Set(UploadedUser user) => _users[user.Username] = user;

    /// <summary>
    /// Drops people whose ratings <paramref name="model"/> already holds (it was built after their upload) and who have
    /// no exclusions to carry, so the overlay does not grow without bound; returns how many were dropped.
    /// </summary>
    public int Prune(ServingModel model)
    {
        int dropped = 0;
        foreach (var (name, user) in _users)
        {
            if (user.ExcludedSlugs.Count == 0 && user.ModelVersion != model.Version && model.Data.UserIndex.ContainsKey(name)
                && _users.TryRemove(new KeyValuePair<string, UploadedUser>(name, user)))
                dropped++;
        }
        return dropped;
    }
}
