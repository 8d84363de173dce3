using System.Net;
using System.Text.Json;

namespace Recs.Tests.Aot;

/// <summary>Taste groups from the published binary: the listing and the person's group are serialised without reflection.</summary>
public sealed class AotTasteGroupTests
{
    [Fact]
    public async Task Aot_binary_lists_taste_groups_and_debug_names_one_of_them()
    {
        await using var service = await RecsProcess.StartAsync(AotBinary.Path, TimeSpan.FromSeconds(30), "--demo");
        var http = service.Http;
        JsonDocument? clusters = null;
        for (int i = 0; i < 300 && clusters is null; i++)
        {
            using var response = await http.GetAsync("/api/clusters");
            if (response.StatusCode == HttpStatusCode.OK)
                clusters = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            else
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                await Task.Delay(100);
            }
        }
        Assert.True(clusters is not null, $"/api/clusters never answered 200 from the AOT binary:\n{service.Output}");
        using (clusters)
        {
            var groups = clusters!.RootElement.GetProperty("groups").EnumerateArray().ToList();
            Assert.True(groups.Count > 1, "the demo users should fall into several taste groups");
            Assert.Contains(groups, g => g.GetProperty("characteristic_films").GetArrayLength() > 0);
            var ids = groups.Select(g => g.GetProperty("id").GetString()).ToHashSet();
            using var debug = JsonDocument.Parse(await http.GetStringAsync("/api/debug/demo_001"));
            string? id = debug.RootElement.GetProperty("model").GetProperty("group").GetProperty("id").GetString();
            Assert.True(ids.Contains(id), $"demo_001's group {id} is not among the listed groups {string.Join(", ", ids)}");
        }
    }
}
