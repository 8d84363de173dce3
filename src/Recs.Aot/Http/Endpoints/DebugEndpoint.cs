using Microsoft.AspNetCore.Http.HttpResults;
using Recs.Aot.Http.Access;
using Recs.Aot.Http.Contracts;
using Recs.Aot.Recommendations;
using Recs.Engine.Model;
using Recs.Engine.Serving;
using Recs.Aot.Http.OpenApi;

namespace Recs.Aot.Http.Endpoints;

internal static class DebugEndpoint
{
    /// <summary>GET /api/debug/{username} (operator only): the user's rating count, mean, top films, and the model serving them.</summary>
    public static RouteGroupBuilder MapDebug(this RouteGroupBuilder api)
    {
        api.MapGet("/debug/{username}", static Results<Ok<DebugResponse>, ProblemHttpResult> (string username, ModelHolder holder, RecommendationCache cache, PersonResolver people) =>
        {
            if (!QueryParsing.TryUsername(username, out var name, out var problem))
                return problem!;
            var model = holder.Current;
            var data = model?.Data;
            string method = model?.Trained is null ? "user-neighbourhood" : "svd-blend";
            var modelInfo = new DebugModel(model?.Version, method, model?.BuiltAt,
                data?.UserCount ?? 0, data?.FilmCount ?? 0, data?.RatingCount ?? 0, [], null);
            var person = model is not null ? people.Resolve(model, name) : default;
            if (!person.HasRatings)
                return TypedResults.Ok(new DebugResponse(name, false, 0, null, [], modelInfo, cache.Contains(name)));
            // Someone who uploaded since the serving data was read is shown with every rating stored for them.
            int[] films = person.Films.ToArray();
            float[] stars = person.Stars.ToArray();
            float mean = stars.Average();
            var order = Enumerable.Range(0, films.Length).OrderByDescending(i => stars[i]).ThenBy(i => films[i]).Take(10).ToArray();
            var top = order.Select(i => data!.Films[films[i]]).Zip(order.Select(i => stars[i]),
                static (f, s) => new RatedFilm(f.Slug, f.Title, f.Year, s)).ToArray();
            var genres = new Dictionary<string, double>(StringComparer.Ordinal);
            for (int i = 0; i < films.Length; i++)
            {
                foreach (var g in data!.Films[films[i]].Genres)
                    genres[g] = genres.GetValueOrDefault(g) + stars[i] - mean + 0.5;
            }
            var favourite = genres.OrderByDescending(kv => kv.Value).Take(3).Select(kv => kv.Key).ToArray();
            return TypedResults.Ok(new DebugResponse(name, true, films.Length, System.Math.Round(mean, 3), top,
                modelInfo with { FavouriteGenres = favourite, Cluster = ClusterOf(model!, films, stars), Group = GroupOf(model!, films, stars) }, cache.Contains(name)));
        }).RequireOperator()
            .WithName("DebugUser").WithTags(ApiTags.Operator)
            .WithSummary("What the service knows about a person")
            .WithDescription("Rating count and mean, the ten top-rated films, favourite genres, the taste cluster and group the person " +
                "folds into, the model serving them, and whether their list is cached.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    // The taste group the person's reasons speak of.
    private static DebugGroup? GroupOf(ServingModel model, int[] films, float[] stars)
    {
        int group = TasteGroupReason.GroupOf(model.Trained, films, stars);
        if (group < 0)
            return null;
        var groups = model.Trained!.Groups!;
        return new DebugGroup(groups.Id(group), groups.Sizes[group], ClustersEndpoint.SilhouetteOf(groups, group));
    }

    // Folds the person into the trained model (as a request does) and describes their cluster.
    private static DebugCluster? ClusterOf(ServingModel model, int[] films, float[] stars)
    {
        if (model.Trained is not { } trained)
            return null;
        var direction = new float[trained.TasteRank];
        FoldIn.TasteDirection(trained, films, stars, direction);
        int cluster = FoldIn.Cluster(trained, direction);
        int members = trained.Labels.Count(l => l == cluster);
        var counts = trained.ClusterFilmCounts.AsSpan(cluster * trained.FilmCount, trained.FilmCount);
        var sums = trained.ClusterFilmSums.AsSpan(cluster * trained.FilmCount, trained.FilmCount);
        var mostRated = new List<RatedFilm>(5);
        foreach (int f in Enumerable.Range(0, trained.FilmCount).OrderByDescending(f => trained.ClusterFilmCounts[cluster * trained.FilmCount + f]).Take(5))
        {
            if (counts[f] == 0 || f >= model.Data.FilmCount)
                continue;
            var film = model.Data.Films[f];
            mostRated.Add(new RatedFilm(film.Slug, film.Title, film.Year, System.Math.Round(sums[f] / counts[f], 2)));
        }
        return new DebugCluster(cluster, trained.ClusterCount, members, mostRated);
    }
}
