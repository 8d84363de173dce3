using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Recs.Engine.Serving;
using Recs.Math;

namespace Recs.Tests.Http;

// Taste groups: the listing, the person's group in debug, and reasons that quote the group.
public abstract partial class ServiceEndpointsContract<TFixture>
{
    [Fact]
    public async Task Clusters_list_every_group_within_the_size_cap_with_lift_ordered_films_and_genres()
    {
        using var doc = await Service.GetJsonAsync("/api/clusters");
        var root = doc.RootElement;
        Assert.False(string.IsNullOrEmpty(root.GetProperty("model_version").GetString()));
        int cap = new NestedClusteringOptions().MaxGroupSize;
        int minFilm = root.GetProperty("min_film_support").GetInt32(), minGenre = root.GetProperty("min_genre_support").GetInt32();
        var groups = root.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(groups.Count, groups.Select(g => g.GetProperty("id").GetString()).Distinct().Count());
        foreach (var group in groups)
        {
            string id = group.GetProperty("id").GetString()!;
            int size = group.GetProperty("size").GetInt32();
            Assert.True(size is > 0 && size <= cap, $"group {id} has {size} members; the cap is {cap}");
            Assert.StartsWith($"{group.GetProperty("cluster").GetInt32()}.", id);
            var films = group.GetProperty("characteristic_films").EnumerateArray().ToList();
            var lifts = films.Select(f => f.GetProperty("lift").GetDouble()).ToList();
            Assert.True(lifts.SequenceEqual(lifts.OrderDescending()), $"group {id}: film lifts are not descending: {string.Join(", ", lifts)}");
            foreach (var film in films)
            {
                int high = film.GetProperty("high_ratings").GetInt32(), raters = film.GetProperty("raters").GetInt32();
                Assert.True(high >= minFilm && raters >= high && raters <= size,
                    $"group {id}, {film.GetProperty("film_id")}: {high} high ratings of {raters} raters in a group of {size}");
                Assert.InRange(film.GetProperty("mean_stars").GetDouble(), 0.5, 5.0);
            }
            var genres = group.GetProperty("characteristic_genres").EnumerateArray().ToList();
            Assert.All(genres, g => Assert.True(g.GetProperty("high_ratings").GetInt32() >= minGenre, $"group {id}: {g} is below the genre support"));
        }
        // The demo users favour two genres each: some group must set a genre apart.
        Assert.Contains(groups, g => g.GetProperty("characteristic_genres").EnumerateArray().Any(x => x.GetProperty("lift").GetDouble() > 1.2));
    }

    [Fact]
    public async Task Clusters_show_each_groups_own_silhouette_as_the_model_computed_it()
    {
        var holder = Service.App.Services.GetRequiredService<ModelHolder>();
        for (int attempt = 0; ; attempt++)
        {
            using var doc = await Service.GetJsonAsync("/api/clusters");
            var root = doc.RootElement;
            var model = holder.Current!;
            // A retraining between the two reads would compare two models: read again.
            if (model.Version != root.GetProperty("model_version").GetString())
            {
                Assert.True(attempt < 20, "the serving model kept changing while /api/clusters was read");
                await Task.Delay(100);
                continue;
            }
            var trained = model.Trained!.Groups!;
            var listed = root.GetProperty("groups").EnumerateArray().ToList();
            Assert.Equal(trained.GroupCount, listed.Count);
            for (int g = 0; g < listed.Count; g++)
            {
                var shown = listed[g].GetProperty("silhouette");
                float expected = trained.GroupSilhouettes[g];
                if (float.IsNaN(expected))
                {
                    Assert.Equal(JsonValueKind.Null, shown.ValueKind);
                    continue;
                }
                Assert.Equal(trained.Id(g), listed[g].GetProperty("id").GetString());
                Assert.Equal(System.Math.Round(expected, 4), shown.GetDouble(), 6);
                Assert.InRange(shown.GetDouble(), -1.0, 1.0);
            }
            // The groups of one split cluster are scored each on its own members, so their figures differ.
            var split = listed.Where(g => g.GetProperty("silhouette").ValueKind == JsonValueKind.Number)
                .GroupBy(g => g.GetProperty("cluster").GetInt32()).Where(c => c.Count() > 1).ToList();
            Assert.True(split.Count > 0, "the demo model should split some cluster into groups");
            Assert.All(split, c => Assert.True(c.Select(g => g.GetProperty("silhouette").GetDouble()).Distinct().Count() > 1,
                $"every group of cluster {c.Key} shows the same silhouette: the cluster's figure, not the group's"));
            return;
        }
    }

    [Fact]
    public async Task Debug_shows_the_persons_group_as_clusters_lists_it_inside_their_cluster()
    {
        using var clusters = await Service.GetJsonAsync("/api/clusters");
        var listed = clusters.RootElement.GetProperty("groups").EnumerateArray()
            .ToDictionary(g => g.GetProperty("id").GetString()!, g => (Size: g.GetProperty("size").GetInt32(), Cluster: g.GetProperty("cluster").GetInt32(),
                Silhouette: g.GetProperty("silhouette").GetRawText()));
        foreach (string user in new[] { "demo_000", "demo_001", "demo_042" })
        {
            using var debug = await Service.GetJsonAsync($"/api/debug/{user}");
            var model = debug.RootElement.GetProperty("model");
            var group = model.GetProperty("group");
            string id = group.GetProperty("id").GetString()!;
            Assert.True(listed.TryGetValue(id, out var entry), $"{user}'s group {id} is not listed by /api/clusters");
            Assert.Equal(entry.Size, group.GetProperty("size").GetInt32());
            Assert.Equal(entry.Silhouette, group.GetProperty("silhouette").GetRawText());
            Assert.Equal(model.GetProperty("cluster").GetProperty("id").GetInt32(), entry.Cluster);
        }
    }

    [Fact]
    public async Task A_group_reason_counts_raters_no_larger_than_the_persons_group_and_own_films_come_first()
    {
        int found = 0;
        for (int u = 0; u < 40 && found < 5; u++)
        {
            string user = $"demo_{u:D3}";
            using var debug = await Service.GetJsonAsync($"/api/debug/{user}");
            int size = debug.RootElement.GetProperty("model").GetProperty("group").GetProperty("size").GetInt32();
            using var list = await Service.GetJsonAsync($"/api/recomendacoes/{user}?limit=100");
            foreach (var item in list.RootElement.GetProperty("items").EnumerateArray())
            {
                string reason = item.GetProperty("reason").GetString()!;
                int named = item.GetProperty("because").GetArrayLength();
                if (named > 0)
                {
                    Assert.StartsWith("because you rated", reason);
                    continue;
                }
                var match = TasteGroupReasonText.Pattern().Match(reason);
                if (!match.Success)
                    continue;
                found++;
                double stars = double.Parse(match.Groups["stars"].Value, CultureInfo.InvariantCulture);
                int raters = int.Parse(match.Groups["raters"].Value, CultureInfo.InvariantCulture);
                int members = int.Parse(match.Groups["members"].Value, CultureInfo.InvariantCulture);
                Assert.True(members == size, $"{user}: '{reason}' names a group of {members}, debug says {size}");
                Assert.True(raters >= 2 && raters <= members, $"{user}: '{reason}' counts {raters} raters in a group of {members}");
                Assert.InRange(stars, 0.5, 5.0);
            }
        }
        Assert.True(found > 0, "no demo list among the first 40 users carries a taste-group reason");
    }
}
