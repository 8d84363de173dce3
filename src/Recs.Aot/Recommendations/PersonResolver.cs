using Recs.Engine.Serving;

namespace Recs.Aot.Recommendations;

/// <summary>
/// Finds a person for a request: an upload newer than the serving data wins (it holds everything stored for them up
/// to its commit); otherwise the dataset's own ratings and exclusions; otherwise nobody (no ratings). The request path
/// never reads the store.
/// </summary>
public sealed class PersonResolver(UploadedUsers uploads)
{
    public Person Resolve(ServingModel model, string username) => Resolve(model, username, uploads.Find(username));

    /// <summary>
    /// As <see cref="Resolve(ServingModel, string)"/> with the upload entry looked up by the caller. Looking it up before
    /// reading the serving model is what makes the pair consistent: a reload swaps its model in before it drops the
    /// entries that model holds, so an entry seen first is either still needed or held by the model read after it.
    /// </summary>
    public Person Resolve(ServingModel model, string username, UploadedUser? pending)
    {
        var data = model.Data;
        if (pending is not null && pending.IsNewerThan(data))
        {
            var resolved = pending.For(data);
            return new Person(-1, resolved.Films, resolved.Stars, resolved.Excluded);
        }
        var excluded = data.ExcludedFor(username);
        if (!data.UserIndex.TryGetValue(username, out int user))
            return new Person(-1, ReadOnlyMemory<int>.Empty, ReadOnlyMemory<float>.Empty, excluded);
        // A dataset user's films are a view into the dataset's rows; their stars, one byte each there, are widened into
        // a copy (4 bytes per rating of this person, once per computed answer; a cached answer resolves nobody).
        int start = data.UserOffsets[user], length = data.UserOffsets[user + 1] - start;
        return new Person(user, new ReadOnlyMemory<int>(data.UserFilms, start, length), data.StarsOf(user), excluded);
    }
}
