using System.Buffers;
using System.Text.Json;
using Recs.Aot.Http.Contracts;
using Recs.Aot.Recommendations;

namespace Recs.Tests.Recommendations;

/// <summary>The rendered cached body is byte for byte what the serialiser writes for the same answer.</summary>
public sealed class RenderedRecommendationsTests
{
    private static readonly RecommendationItem[] Items =
    [
        new("drive-2011", "Drive", 2011, 1.0924, "because you rated Nightcrawler ★★★★½", ["nightcrawler"]),
        new("amelie", "Amélie", 2001, 0.5, "rated 4.1★ by 12 people with your taste", []),
        new("the-quote", "The \"Quote\" <Film> & Co\\", null, -0.0001, "popular: 3 ratings, 2.5★ average", ["a\"b", "c"]),
        new("控制", "控制 — 🎬", 1999, 12345.6789, "tab\tnewline\n", []),
    ];

    [Fact]
    public void Rendered_body_equals_the_serialised_response_for_every_limit_and_elapsed_time()
    {
        var random = new Random(20261126);
        double[] elapsed = [0, 0.004, 0.007, 0.1, 1, 12.345, 1000.001, 123456.789, .. Enumerable.Range(0, 200).Select(_ => System.Math.Round(random.NextDouble() * 50, 3))];
        var rendered = RenderedRecommendations.Render("u3d5da1aa02", "svd-20261125184137-1040186+1040186", Items);
        Span<byte> formatted = stackalloc byte[RenderedRecommendations.MaxElapsedBytes];
        for (int limit = 0; limit <= Items.Length; limit++)
        {
            foreach (double ms in elapsed)
            {
                var expected = JsonSerializer.SerializeToUtf8Bytes(
                    new RecommendationResponse("u3d5da1aa02", RecommendationMode.UltraFast, ms, "svd-20261125184137-1040186+1040186", Items[..limit], null),
                    RecsJsonContext.Web.RecommendationResponse);
                int n = RenderedRecommendations.FormatElapsed(ms, formatted);
                var body = new ArrayBufferWriter<byte>(16);
                rendered.Write(body, limit, formatted[..n]);
                Assert.True(expected.AsSpan().SequenceEqual(body.WrittenSpan),
                    $"limit {limit}, elapsed {ms}:\n expected {System.Text.Encoding.UTF8.GetString(expected)}\n rendered {System.Text.Encoding.UTF8.GetString(body.WrittenSpan)}");
                Assert.Equal(expected.Length, rendered.Length(limit, n));
            }
        }
    }

    [Fact]
    public void A_limit_beyond_the_rendered_items_is_refused()
    {
        var rendered = RenderedRecommendations.Render("someone", "v1", Items[..2]);
        Assert.Equal(2, rendered.ItemCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => rendered.Length(3, 1));
    }
}
