using Recs.Engine.Serving;

namespace Recs.Aot.Recommendations;

/// <summary>
/// One person's uploaded ratings and watched/watchlist exclusions, kept by film slug so they survive a model reload,
/// and resolved to the current model's film indices on first use per model version.
/// </summary>
public sealed class UploadedUser(string username, string[] ratedSlugs, float[] stars, string[] excludedSlugs, string modelVersion)
{
    private ResolvedRatings? _resolved;

    public string Username { get; } = username;
    public IReadOnlyList<string> RatedSlugs { get; } = ratedSlugs;
    public IReadOnlyList<float> Stars { get; } = stars;
    public IReadOnlyList<string> ExcludedSlugs { get; } = excludedSlugs;

    /// <summary>The model version that was serving when the upload arrived.</summary>
    public string ModelVersion { get; } = modelVersion;

    /// <summary>The ratings and exclusions as film indices of <paramref name="model"/>; films it lacks are left out.</summary>
    public ResolvedRatings For(ServingModel model)
    {
        var resolved = Volatile.Read(ref _resolved);
        if (resolved?.ModelVersion == model.Version)
            return resolved;
        var index = model.Data.FilmIndex;
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
        resolved = new ResolvedRatings(model.Version, filmArray, starArray, excluded);
        Volatile.Write(ref _resolved, resolved);
        return resolved;
    }
}
