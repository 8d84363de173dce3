using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Recs.Aot.Hosting;
using Recs.Aot.Http.Contracts;
using Recs.Aot.Observability;
using Recs.Aot.Recommendations;
using Recs.Engine.Demo;
using Recs.Engine.Model;
using Recs.Engine.Serving;

namespace Recs.Tests.Recommendations;

/// <summary>
/// A cache hit sends the body the computed answer had, with its own mode and elapsed time, and is served only while
/// the model and the person's upload state it was computed from still hold.
/// </summary>
public sealed class CachedAnswerTests
{
    private static readonly Lazy<ServingModel> DemoModel = new(() =>
    {
        var data = DemoCatalogue.Dataset();
        return new ServingModel(data, "demo-v1", DateTimeOffset.UnixEpoch, ModelTrainer.Train(data, new ModelTrainingOptions(), DateTimeOffset.UnixEpoch));
    });

    private readonly ModelHolder _holder = new();
    private readonly UploadedUsers _uploads;
    private readonly RecommendationCache _cache;
    private readonly RecommendationService _service;

    public CachedAnswerTests()
    {
        var options = Options.Create(new RecsOptions());
        _uploads = new UploadedUsers(options);
        var metrics = new RecsMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>(), _holder);
        _cache = new RecommendationCache(options, metrics);
        _service = new RecommendationService(_holder, _cache, _uploads, new PersonResolver(_uploads), metrics, options);
        _holder.Swap(DemoModel.Value);
    }

    [Theory]
    [InlineData(new[] { 20, 1, 100, 20 })]
    [InlineData(new[] { 100, 7 })]
    [InlineData(new[] { 1, 2, 50 })]
    public void Cached_body_is_the_computed_body_with_mode_ultra_fast_and_its_own_elapsed_time(int[] limits)
    {
        var computed = _service.Recommend("demo_042", 100);
        Assert.Equal(RecommendationMode.Computed, computed.Mode);
        foreach (int limit in limits)
        {
            Assert.True(_service.TryCached("demo_042", limit, out var answer), $"no cache hit for limit {limit}");
            var expected = JsonSerializer.SerializeToUtf8Bytes(
                computed with { Mode = RecommendationMode.UltraFast, ElapsedMs = answer.ElapsedMs, Items = computed.Items.Take(limit).ToArray() },
                RecsJsonContext.Web.RecommendationResponse);
            Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), Body(answer));
        }
    }

    [Fact]
    public void The_cache_keeps_the_head_a_request_showed_and_a_longer_request_computes_once_and_replaces_it()
    {
        var first = _service.Recommend("demo_043", 5);
        Assert.Equal(RecommendationMode.Computed, first.Mode);
        Assert.True(_service.TryCached("demo_043", RecommendationService.DefaultLimit, out var head), "a limit-5 request did not cache the default limit's films");
        Assert.Equal(RecommendationService.DefaultLimit, head.Items);
        Assert.True(_cache.Bytes < 2_000, $"an entry of {RecommendationService.DefaultLimit} films takes {_cache.Bytes} bytes");
        Assert.False(_service.TryCached("demo_043", RecommendationService.DefaultLimit + 1, out _), "a longer list was served from a shorter entry");

        var longer = _service.Recommend("demo_043", 60);
        Assert.Equal(RecommendationMode.Computed, longer.Mode);
        // The head does not depend on how many films were asked for.
        Assert.Equal(first.Items.Select(i => i.FilmId), longer.Items.Take(5).Select(i => i.FilmId));
        Assert.True(_service.TryCached("demo_043", 60, out var sixty), "the longer list was not cached");
        Assert.Equal(60, sixty.Items);
        Assert.Equal(RecommendationMode.UltraFast, _service.Recommend("demo_043", 20).Mode);
    }

    [Fact]
    public void A_list_of_any_length_is_the_head_of_the_longest_list()
    {
        // Lists are ranked at the length kept, so a shorter one must be exactly the head of a longer one, ties included.
        foreach (string user in new[] { "demo_001", "demo_017", "demo_150", "demo_299" })
        {
            var longest = _service.Recommend(user, RecommendationService.MaxLimit, useCache: false).Items.Select(i => i.FilmId).ToArray();
            Assert.Equal(RecommendationService.MaxLimit, longest.Length);
            foreach (int limit in new[] { 1, 7, 19, 20, 21, 64, 99 })
            {
                var head = _service.Recommend(user, limit, useCache: false).Items.Select(i => i.FilmId).ToArray();
                Assert.True(longest.Take(limit).SequenceEqual(head), $"{user}'s list of {limit} is not the head of the list of {RecommendationService.MaxLimit}");
            }
        }
    }

    [Fact]
    public void An_upload_by_the_person_makes_the_cached_list_miss()
    {
        _service.Recommend("demo_007", 20);
        Assert.True(_service.TryCached("demo_007", 20, out _));
        _uploads.Record(new UploadedUser("demo_007", [], [], [], sequence: 42));
        Assert.False(_service.TryCached("demo_007", 20, out _), "a list computed before the upload was served after it");
    }

    [Fact]
    public void A_model_swap_makes_the_cached_list_miss()
    {
        _service.Recommend("demo_008", 20);
        Assert.True(_service.TryCached("demo_008", 20, out _));
        var old = DemoModel.Value;
        _holder.Swap(new ServingModel(old.Data, "demo-v2", DateTimeOffset.UnixEpoch, old.Trained));
        Assert.False(_service.TryCached("demo_008", 20, out _), "a list of the replaced model was served");
    }

    [Fact]
    public void A_dropped_entry_misses_and_the_next_request_computes_again()
    {
        _service.Recommend("demo_009", 20);
        _cache.Remove("demo_009");
        Assert.False(_service.TryCached("demo_009", 20, out _));
        Assert.Equal(RecommendationMode.Computed, _service.Recommend("demo_009", 20, useCache: false).Mode);
        Assert.True(_service.TryCached("demo_009", 20, out _));
    }

    private static string Body(CachedAnswer answer)
    {
        var buffer = new byte[answer.MaxLength];
        return System.Text.Encoding.UTF8.GetString(buffer, 0, answer.Write(buffer));
    }
}
