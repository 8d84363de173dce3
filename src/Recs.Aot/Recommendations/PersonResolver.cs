using Recs.Engine.Serving;

namespace Recs.Aot.Recommendations;

/// <summary>
/// Finds a person for a request: an upload newer than the serving data wins (it holds everything stored for them up
/// to its commit); otherwise the dataset's own ratings and exclusions; otherwise nobody (no ratings). The request path
/// never reads the store.
/// </summary>
public sealed class PersonResolver(UploadedUsers uploads)
{
    public Person Resolve(ServingModel model, string username)
    {
        var data = model.Data;
        if (uploads.NewerThan(data, username, out var uploaded))
        {
            var resolved = uploaded!.For(data);
            return new Person(-1, resolved.Films, resolved.Stars, resolved.Excluded);
        }
        var excluded = data.ExcludedFor(username);
        if (!data.UserIndex.TryGetValue(username, out int user))
            return new Person(-1, ReadOnlyMemory<int>.Empty, ReadOnlyMemory<float>.Empty, excluded);
        // A dataset user's ratings are views into the dataset's CSR arrays: the request path copies nothing.
        int start = data.UserOffsets[user], length = data.UserOffsets[user + 1] - start;
        return new Person(user, new ReadOnlyMemory<int>(data.UserFilms, start, length),
            new ReadOnlyMemory<float>(data.UserStars, start, length), excluded);
    }
}
