using Recs.Engine.Data;

namespace Recs.Aot.Recommendations;

/// <summary>
/// One person's whole stored state right after their upload committed: every rated film with its stars and every
/// excluded film, by slug (so it outlives a reload of the catalogue), and the store change sequence of that commit.
/// A model whose data was read at or after <see cref="Sequence"/> holds all of it and makes this entry redundant.
/// </summary>
public sealed class UploadedUser(string username, string[] ratedSlugs, float[] stars, string[] excludedSlugs, long sequence)
{
    private ResolvedRatings? _resolved;

    public string Username { get; } = username;
    public IReadOnlyList<string> RatedSlugs { get; } = ratedSlugs;
    public IReadOnlyList<float> Stars { get; } = stars;
    public IReadOnlyList<string> ExcludedSlugs { get; } = excludedSlugs;

    /// <summary>
    /// A person's state as the store holds it (slugs ascending, parallel stars), sharing the slug strings of
    /// <paramref name="data"/>'s catalogue where it has them, so an entry costs references, not copies.
    /// </summary>
    public static UploadedUser FromStore(
        string username, IReadOnlyList<string> ratedSlugs, IReadOnlyList<float> stars, IReadOnlyList<string> excludedSlugs, long sequence,
        RatingsDataset data)
    {
        var index = data.FilmIndex;
        string Shared(string slug) => index.TryGetValue(slug, out int f) ? data.Films[f].Slug : slug;
        var rated = new string[ratedSlugs.Count];
        for (int i = 0; i < rated.Length; i++)
            rated[i] = Shared(ratedSlugs[i]);
        var excluded = new string[excludedSlugs.Count];
        for (int i = 0; i < excluded.Length; i++)
            excluded[i] = Shared(excludedSlugs[i]);
        return new UploadedUser(username, rated, [.. stars], excluded, sequence);
    }

    /// <summary>The store change sequence the upload committed as.</summary>
    public long Sequence { get; } = sequence;

    /// <summary>True when <paramref name="data"/> was read before this upload committed, so it lacks it and this entry must serve.</summary>
    public bool IsNewerThan(RatingsDataset data) => Sequence > data.Sequence;

    /// <summary>The ratings and exclusions as film indices of <paramref name="data"/>; films it lacks are left out.</summary>
    public ResolvedRatings For(RatingsDataset data)
    {
        var resolved = Volatile.Read(ref _resolved);
        if (resolved is not null && resolved.IsOf(data))
            return resolved;
        var index = data.FilmIndex;
        var films = new List<int>(RatedSlugs.Count);
        var starList = new List<float>(RatedSlugs.Count);
        for (int i = 0; i < RatedSlugs.Count; i++)
        {
            if (index.TryGetValue(RatedSlugs[i], out int f))
            {
                films.Add(f);
                starList.Add(Stars[i]);
            }
        }
        var filmArray = films.ToArray();
        var starArray = starList.ToArray();
        Array.Sort(filmArray, starArray);
        var excluded = new HashSet<int>();
        foreach (string slug in ExcludedSlugs)
        {
            if (index.TryGetValue(slug, out int f))
                excluded.Add(f);
        }
        resolved = new ResolvedRatings(data, filmArray, starArray, excluded);
        Volatile.Write(ref _resolved, resolved);
        return resolved;
    }
}
