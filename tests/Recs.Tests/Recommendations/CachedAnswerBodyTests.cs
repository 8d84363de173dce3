using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Recs.Aot.Hosting;
using Recs.Aot.Http.Contracts;
using Recs.Aot.Observability;
using Recs.Aot.Recommendations;
using Recs.Engine.Data;
using Recs.Engine.Demo;
using Recs.Engine.Model;
using Recs.Engine.Recommendation;
using Recs.Engine.Serving;

namespace Recs.Tests.Recommendations;

/// <summary>
/// The body of a cache hit, assembled from the catalogue's pre-escaped pieces, is byte for byte what the serialiser
/// writes for the same answer: for titles that need escaping, every kind of reason, every limit and many elapsed times.
/// </summary>
public sealed class CachedAnswerBodyTests
{
    private static readonly string[] OddTitles =
    [
        "The \"Quote\" <Film> & Co\\",
        "Amélie",
        "控制 — 🎬",
        "tab\tnew\nline",
        "It's 'single' + `tick`",
        "\u0001control\u001f",
        "Ünïcödé ½ ★",
    ];

    // The demo catalogue with every seventh film renamed to a title above, and every fourteenth without a year, so
    // the lists and reasons of ordinary training name them.
    private static readonly Lazy<ServingModel> OddModel = new(() =>
    {
        var builder = new RatingsDatasetBuilder();
        var films = DemoCatalogue.Films();
        for (int i = 0; i < films.Count; i++)
        {
            var film = films[i];
            builder.AddFilm(i % 7 != 0 ? film : film with { Title = OddTitles[i / 7 % OddTitles.Length], Year = i % 14 == 0 ? null : film.Year });
        }
        foreach (var rating in DemoCatalogue.Ratings())
            builder.AddRating(rating);
        var data = builder.Build();
        return new ServingModel(data, "odd \"v1\" ½", DateTimeOffset.UnixEpoch, ModelTrainer.Train(data, new ModelTrainingOptions(), DateTimeOffset.UnixEpoch));
    });

    [Fact]
    public void Every_demo_users_cached_body_is_the_serialised_computed_answer()
    {
        var service = Service(OddModel.Value);
        var reasons = new HashSet<string>(StringComparer.Ordinal);
        int oddTitlesNamed = 0;
        for (int u = 0; u < DemoCatalogue.UserCount; u++)
        {
            string user = $"demo_{u:D3}";
            var computed = service.Recommend(user, RecommendationService.MaxLimit);
            Assert.Equal(RecommendationMode.Computed, computed.Mode);
            foreach (int limit in new[] { 1, 20, RecommendationService.MaxLimit })
            {
                Assert.True(service.TryCached(user, limit, out var answer), $"{user}: no cache hit for limit {limit}");
                var expected = computed with { Mode = RecommendationMode.UltraFast, ElapsedMs = answer.ElapsedMs, Items = computed.Items.Take(limit).ToArray() };
                AssertSameBody(expected, answer, $"{user}, limit {limit}");
            }
            foreach (var item in computed.Items)
            {
                reasons.Add(item.Reason.Split(' ')[0]);
                oddTitlesNamed += OddTitles.Count(t => item.Title == t || item.Reason.Contains(t, StringComparison.Ordinal));
            }
        }
        Assert.True(oddTitlesNamed > 100, $"only {oddTitlesNamed} items showed a title that needs escaping");
        Assert.Contains("because", reasons);
        Assert.Contains("rated", reasons);
    }

    [Fact]
    public void Every_kind_of_reason_score_and_elapsed_time_is_written_as_the_serialiser_writes_it()
    {
        var model = OddModel.Value;
        var trained = model.Trained!;
        var data = model.Data;
        int group = TasteGroupReason.GroupOf(trained, [0, 7, 14, 21], [5f, 4.5f, 4f, 0.5f]);
        int groupFilm = Enumerable.Range(0, data.Films.Length).First(f => TasteGroupReason.Describe(trained, group, f) is not null);
        ScoredFilm[] films =
        [
            new(7, 1.23456789f, 12, 4.25f),
            new(14, -0.00004f, 3, 3.75f),
            new(groupFilm, 0.5f, 40, 4.1f),
            new(21, 12345.6789f, 7, 2.05f),
            new(28, 0f, RecommendationService.PopularMarker, 0),
            new(35, -7.77777f, 1, 5f),
            new(42, 3e-7f, 2, 1f),
        ];
        FilmEvidence[] because =
        [
            new(0, 5f, 49, 4.5f),
            new(56, 0.5f, -1, 0),
            FilmEvidence.None,
            FilmEvidence.None,
            FilmEvidence.None,
            new(63, 4f, 70, 3.5f),
            new(77, 0f, -1, 0),
        ];
        var random = new Random(20261127);
        double[] elapsed = [0, 0.004, 0.1, 1, 12.345, 123456.789, .. Enumerable.Range(0, 40).Select(_ => System.Math.Round(random.NextDouble() * 50, 3))];
        var catalogue = CatalogueJson.Build(data.Films);
        foreach (int g in new[] { -1, group })
        {
            var entry = new CachedRecommendations(model.Version, 0, films, because, DateTimeOffset.UnixEpoch) { TasteGroup = g };
            for (int limit = 0; limit <= films.Length; limit++)
            {
                foreach (double ms in elapsed)
                {
                    var answer = new CachedAnswer(model, catalogue, entry, "someone_42", limit, ms);
                    var expected = new RecommendationResponse("someone_42", RecommendationMode.UltraFast, ms, model.Version,
                        RecommendationService.Materialise(model, films, because, limit, g), null);
                    AssertSameBody(expected, answer, $"group {g}, limit {limit}, elapsed {ms}");
                }
            }
        }
        var reasons = RecommendationService.Materialise(model, films, because, films.Length, group).Select(i => i.Reason).ToArray();
        Assert.Contains(reasons, r => r.EndsWith("people in your taste group", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.EndsWith("people with your taste", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("popular: ", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains(" and ", StringComparison.Ordinal));
    }

    [Fact]
    public void Scores_of_every_magnitude_are_written_as_the_serialiser_writes_them()
    {
        var model = OddModel.Value;
        var catalogue = CatalogueJson.Build(model.Data.Films);
        var random = new Random(4);
        var scores = new List<float> { 0f, -0f, 0.00005f, -0.00005f, 0.00015f, 1e-9f, -1e-9f, 9.99995f, 123456.7f, 1e10f, 1e11f, 3e12f, -4e15f, float.Epsilon };
        for (int i = 0; i < 3000; i++)
        {
            double magnitude = System.Math.Pow(10, random.Next(-6, 13));
            scores.Add((float)((random.NextDouble() * 2 - 1) * magnitude));
        }
        foreach (float score in scores)
        {
            ScoredFilm[] films = [new(3, score, 5, 4f)];
            FilmEvidence[] because = [new(0, 4.5f, -1, 0)];
            var entry = new CachedRecommendations(model.Version, 0, films, because, DateTimeOffset.UnixEpoch);
            var expected = new RecommendationResponse("someone", RecommendationMode.UltraFast, 0.25, model.Version,
                RecommendationService.Materialise(model, films, because, 1), null);
            AssertSameBody(expected, new CachedAnswer(model, catalogue, entry, "someone", 1, 0.25), $"score {score:R}");
        }
    }

    [Fact]
    public void A_model_with_another_catalogue_is_answered_from_its_own_titles()
    {
        var demo = DemoCatalogue.Dataset();
        var holder = new ModelHolder();
        var service = Service(holder);
        holder.Swap(new ServingModel(demo, "plain", DateTimeOffset.UnixEpoch, ModelTrainer.Train(demo, new ModelTrainingOptions(), DateTimeOffset.UnixEpoch)));
        service.Recommend("demo_001", 20);
        Assert.True(service.TryCached("demo_001", 20, out _));
        holder.Swap(OddModel.Value);
        var computed = service.Recommend("demo_001", 20);
        Assert.True(service.TryCached("demo_001", 20, out var answer));
        AssertSameBody(computed with { Mode = RecommendationMode.UltraFast, ElapsedMs = answer.ElapsedMs }, answer, "after the swap");
    }

    private static void AssertSameBody(RecommendationResponse expected, CachedAnswer answer, string what)
    {
        string serialised = Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(expected, RecsJsonContext.Web.RecommendationResponse));
        var buffer = new byte[answer.MaxLength];
        int length = answer.Write(buffer);
        Assert.True(serialised == Encoding.UTF8.GetString(buffer, 0, length), $"{what}:\n expected {serialised}\n written  {Encoding.UTF8.GetString(buffer, 0, length)}");
    }

    private static RecommendationService Service(ServingModel model)
    {
        var holder = new ModelHolder();
        holder.Swap(model);
        return Service(holder);
    }

    private static RecommendationService Service(ModelHolder holder)
    {
        var options = Options.Create(new RecsOptions());
        var uploads = new UploadedUsers(options);
        var metrics = new RecsMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>(), holder);
        return new RecommendationService(holder, new RecommendationCache(options, metrics), uploads, new PersonResolver(uploads), metrics, options);
    }
}
