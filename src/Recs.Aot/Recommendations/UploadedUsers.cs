using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Recs.Aot.Hosting;
using Recs.Engine.Data;

namespace Recs.Aot.Recommendations;

/// <summary>
/// People whose upload committed after the serving data was read, by normalised username: the store has their ratings,
/// the model's data does not yet, so requests fold them in from here. An entry is used while its change sequence is
/// above the serving data's (<see cref="UploadedUser.IsNewerThan"/>) and dropped once a reload has read past it (<see cref="DropAbsorbed"/>).
/// <para>Bound: at most <see cref="RecsOptions.MaxPendingUploads"/> people. Half-way there the owner asks for an early
/// reload, which absorbs them; a full overlay refuses new uploads (503, retry shortly) rather than lose or evict one.
/// Each entry costs about 20 bytes per rated film (slug references shared with the catalogue, stars, the resolved copy).</para>
/// </summary>
public sealed class UploadedUsers(IOptions<RecsOptions> options)
{
    private readonly ConcurrentDictionary<string, UploadedUser> _users = new(StringComparer.Ordinal);
    private readonly int _capacity = System.Math.Max(2, options.Value.MaxPendingUploads);

    public int Count => _users.Count;

    /// <summary>True when no further person may be added until a reload absorbs some.</summary>
    public bool IsFull => _users.Count >= _capacity;

    /// <summary>True when the overlay is half full and a reload should absorb it.</summary>
    public bool WantsReload => _users.Count >= _capacity / 2;

    /// <summary>The person's latest recorded upload, if any, whether or not the serving data holds it already.</summary>
    public UploadedUser? Find(string username) => _users.GetValueOrDefault(username);

    /// <summary>
    /// Records a person's state unless a later write of theirs is recorded already: concurrent uploads of one person
    /// commit in sequence order, so the entry with the highest sequence holds every one of them.
    /// </summary>
    public void Record(UploadedUser user) =>
        _users.AddOrUpdate(user.Username, user, (_, existing) => existing.Sequence >= user.Sequence ? existing : user);

    /// <summary>Drops everyone whose upload <paramref name="data"/> already holds; returns how many were dropped.</summary>
    public int DropAbsorbed(RatingsDataset data)
    {
        int dropped = 0;
        foreach (var (name, user) in _users)
        {
            if (user.Sequence <= data.Sequence && _users.TryRemove(new KeyValuePair<string, UploadedUser>(name, user)))
                dropped++;
        }
        return dropped;
    }

}
