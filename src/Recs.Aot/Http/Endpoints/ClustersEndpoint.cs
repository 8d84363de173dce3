using Microsoft.AspNetCore.Http.HttpResults;
using Recs.Aot.Http.Contracts;
using Recs.Aot.Http.OpenApi;
using Recs.Engine.Model;
using Recs.Engine.Serving;

namespace Recs.Aot.Http.Endpoints;

internal static class ClustersEndpoint
{
    private const int FilmsPerGroup = 5;
    private const int GenresPerGroup = 3;

    // The listing depends only on the trained model and its catalogue, so it is built once per serving model.
    private static Tuple<ServingModel, ClustersResponse>? s_last;

    /// <summary>
    /// GET /api/clusters: the serving model's taste groups with size, their own silhouette and their most characteristic films and
    /// genres (<see cref="TasteGroupProfiles"/> defines the lift). 503 with Retry-After before the first training.
    /// </summary>
    public static RouteGroupBuilder MapClusters(this RouteGroupBuilder api)
    {
        api.MapGet("/clusters", Handle)
            .WithName("TasteGroups").WithTags(ApiTags.Recommendations)
            .WithSummary("The taste groups reasons speak of")
            .WithDescription("Every group of the serving model: its id `cluster.sub`, trained members, its own silhouette " +
                "(the mean sampled silhouette of its members within their cluster's split: distance to their own group against " +
                "the nearest other group of the same cluster; null for a cluster too small to split, whose one group has no " +
                "other group to be compared with), and the films and genres over-represented among its members' ratings of 4★ or more " +
                "(lift = the group's share of its high ratings over everyone's share; films need `min_film_support` high " +
                "ratings from the group, genres `min_genre_support`). 503 with Retry-After before the first training.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    internal static Results<Ok<ClustersResponse>, ProblemHttpResult> Handle(ModelHolder holder, HttpContext http)
    {
        var model = holder.Current;
        if (model?.Trained?.Groups is not { } groups)
        {
            http.Response.Headers.RetryAfter = "5";
            return Problems.Unavailable("taste groups come from the trained model, and none is serving yet");
        }
        if (Volatile.Read(ref s_last) is { } last && ReferenceEquals(last.Item1, model))
            return TypedResults.Ok(last.Item2);
        var body = Describe(model, groups);
        Volatile.Write(ref s_last, Tuple.Create(model, body));
        return TypedResults.Ok(body);
    }

    private static ClustersResponse Describe(ServingModel model, TasteGroups groups)
    {
        var catalogue = model.Data.Films;
        var items = new TasteGroupItem[groups.GroupCount];
        for (int g = 0; g < items.Length; g++)
        {
            var films = TasteGroupProfiles.Films(groups, g, FilmsPerGroup).Select(c =>
            {
                var film = catalogue[c.Film];
                return new CharacteristicFilm(film.Slug, film.Title, film.Year, System.Math.Round(c.Lift, 3), c.HighRatings, c.Raters,
                    System.Math.Round(c.HalfStarSum * 0.5 / c.Raters, 2));
            }).ToArray();
            var genres = TasteGroupProfiles.Genres(groups, g, catalogue, GenresPerGroup)
                .Select(c => new CharacteristicGenre(c.Genre!, System.Math.Round(c.Lift, 3), c.HighRatings)).ToArray();
            items[g] = new TasteGroupItem(groups.Id(g), groups.ClusterOf[g], groups.Sizes[g], SilhouetteOf(groups, g),
                groups.HighTotals[g], films, genres);
        }
        return new ClustersResponse(model.Version, groups.Labels.Length, TasteGroupProfiles.MinFilmSupport, TasteGroupProfiles.MinGenreSupport, items);
    }

    /// <summary>A group's own silhouette as the API shows it (4 decimals), or null for a cluster that was not split.</summary>
    internal static double? SilhouetteOf(TasteGroups groups, int group)
    {
        float silhouette = groups.GroupSilhouettes[group];
        return float.IsNaN(silhouette) ? null : System.Math.Round(silhouette, 4);
    }
}
