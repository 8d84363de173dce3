using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Recs.Engine.Catalog;
using Recs.Engine.Demo;
using Recs.Tests.Support;

namespace Recs.Tests.Http;

/// <summary>
/// The traffic of an outage run against one service, stamped on one clock until a deadline: read loops over the demo
/// users (most with query options), upload loops posting a ratings.csv for a fresh person each time, and a /health poll.
/// Every upload is registered before it is sent, so the store can be searched for writes nobody was told about.
/// </summary>
internal sealed class OutageLoad(HttpClient http, Stopwatch clock)
{
    public const int FilmsPerUpload = 12;

    private static readonly string[] Queries =
        ["", "?limit=5", "?limit=10&genres=horror", "?min_year=1980&max_year=2000", "?exclude_genres=comedy,drama&obscurity=0.7", "?type=any&limit=50"];

    private static readonly IReadOnlyList<Film> Films = DemoCatalogue.Films();

    /// <summary>One upload: the person, the films their file rated, and what the service answered.</summary>
    public sealed record Upload(string Username, string[] Slugs, ObservedRequest Response);

    public ConcurrentQueue<ObservedRequest> Reads { get; } = new();
    public ConcurrentQueue<ObservedRequest> Health { get; } = new();
    public ConcurrentQueue<Upload> Uploads { get; } = new();

    /// <summary>Every person an upload was sent for, with the films it rated, whether or not an answer came back.</summary>
    public ConcurrentDictionary<string, string[]> Sent { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="readers"/> read loops, <paramref name="uploaders"/> upload loops and one health poll until <paramref name="until"/> on the clock.</summary>
    public Task RunAsync(TimeSpan until, int readers, int uploaders)
    {
        var loops = new List<Task>();
        for (int i = 0; i < readers; i++)
            loops.Add(ReadLoopAsync(i, until));
        for (int i = 0; i < uploaders; i++)
            loops.Add(UploadLoopAsync(i, until));
        loops.Add(HealthLoopAsync(until));
        return Task.WhenAll(loops);
    }

    private async Task ReadLoopAsync(int loop, TimeSpan until)
    {
        var random = new Random(1000 + loop);
        while (clock.Elapsed < until)
        {
            string path = $"/api/recomendacoes/{DemoCatalogue.UserPrefix}{random.Next(DemoCatalogue.UserCount):D3}{Queries[random.Next(Queries.Length)]}";
            Reads.Enqueue(await ObservedRequest.SendAsync(http, new HttpRequestMessage(HttpMethod.Get, path), clock));
            // Paced so that two cores are left for the uploads, the health checks and the database.
            await Task.Delay(5);
        }
    }

    private async Task UploadLoopAsync(int loop, TimeSpan until)
    {
        var random = new Random(2000 + loop);
        for (int i = 0; clock.Elapsed < until; i++)
        {
            string username = $"outage_{loop}_{i:D3}";
            var films = Films.OrderBy(_ => random.Next()).Take(FilmsPerUpload).ToList();
            var ratings = films.Select(f => (f, random.Next(1, 11) / 2f)).ToList();
            Sent[username] = [.. films.Select(f => f.Slug)];
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/users/{username}/ratings?limit=5")
            {
                Content = new StringContent(LetterboxdExportBuilder.RatingsCsv(ratings), Encoding.UTF8, "text/csv"),
            };
            var response = await ObservedRequest.SendAsync(http, request, clock);
            Uploads.Enqueue(new Upload(username, Sent[username], response));
            await Task.Delay(100);
        }
    }

    private async Task HealthLoopAsync(TimeSpan until)
    {
        while (clock.Elapsed < until)
        {
            Health.Enqueue(await ObservedRequest.SendAsync(http, new HttpRequestMessage(HttpMethod.Get, "/health"), clock));
            await Task.Delay(200);
        }
    }
}
