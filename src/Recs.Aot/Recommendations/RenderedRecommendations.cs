using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Recs.Aot.Http.Contracts;

namespace Recs.Aot.Recommendations;

/// <summary>
/// The JSON body of a cached (<c>ultra_fast</c>) answer for one person, rendered once as UTF-8 so a cache hit copies
/// bytes instead of building items, reason strings and a serialiser pass per request. The body is
/// <c>{"username":…,"mode":"ultra_fast","elapsed_ms":</c> · the elapsed time · <c>,"model_version":…,"items":[</c> ·
/// the first <i>n</i> items · <c>],"note":null}</c>; only the elapsed time is written per request, and the item
/// boundaries are kept so one rendering serves every limit up to <see cref="ItemCount"/>. Everything is written by
/// the source-generated serialiser with the service's encoder, so the bytes are those <c>RecommendationResponse</c>
/// would serialise to (pinned by <c>RenderedRecommendationsTests</c>).
/// </summary>
public sealed class RenderedRecommendations
{
    /// <summary>The longest elapsed time <see cref="Write"/> formats: a double in shortest round-trip form.</summary>
    public const int MaxElapsedBytes = 32;

    private static ReadOnlySpan<byte> Tail => "],\"note\":null}"u8;

    // _bytes = head · "0" (the elapsed time it was rendered with) · middle · items, commas between them.
    private readonly byte[] _bytes;
    private readonly int _headLength;
    private readonly int _middleStart;
    private readonly int _itemsStart;
    private readonly int[] _itemEnds;

    private RenderedRecommendations(byte[] bytes, int headLength, int middleStart, int itemsStart, int[] itemEnds)
    {
        _bytes = bytes;
        _headLength = headLength;
        _middleStart = middleStart;
        _itemsStart = itemsStart;
        _itemEnds = itemEnds;
    }

    /// <summary>How many items were rendered: the largest limit this rendering answers.</summary>
    public int ItemCount => _itemEnds.Length;

    /// <summary>Bytes held, for the cache's memory estimate.</summary>
    public int ByteCount => _bytes.Length;

    /// <summary>Renders the answer for <paramref name="username"/> from its items (every one the rendering will serve).</summary>
    public static RenderedRecommendations Render(string username, string modelVersion, IReadOnlyList<RecommendationItem> items)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + 160 * items.Count);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = RecsJsonContext.WebOptions.Encoder });
        writer.WriteStartObject();
        writer.WriteString("username", username);
        writer.WriteString("mode", RecommendationMode.UltraFast);
        writer.WritePropertyName("elapsed_ms");
        writer.Flush();
        int headLength = buffer.WrittenCount;
        // A placeholder keeps the writer's state valid; the real value replaces it per request.
        writer.WriteNumberValue(0);
        writer.Flush();
        int middleStart = buffer.WrittenCount;
        writer.WriteString("model_version", modelVersion);
        writer.WritePropertyName("items");
        writer.WriteStartArray();
        writer.Flush();
        int itemsStart = buffer.WrittenCount;
        var ends = new int[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            JsonSerializer.Serialize(writer, items[i], RecsJsonContext.Web.RecommendationItem);
            writer.Flush();
            ends[i] = buffer.WrittenCount;
        }
        return new RenderedRecommendations(buffer.WrittenSpan.ToArray(), headLength, middleStart, itemsStart, ends);
    }

    /// <summary>The body's length in bytes for <paramref name="limit"/> items (1 … <see cref="ItemCount"/>) and an elapsed time of <paramref name="elapsedBytes"/> bytes.</summary>
    public int Length(int limit, int elapsedBytes) =>
        _headLength + elapsedBytes + ItemsEnd(limit) - _middleStart + Tail.Length;

    /// <summary>Formats an elapsed time as the serialiser writes a double (shortest round-trip, invariant culture).</summary>
    public static int FormatElapsed(double elapsedMs, Span<byte> destination) =>
        elapsedMs.TryFormat(destination, out int written, default, CultureInfo.InvariantCulture)
            ? written
            : throw new ArgumentException($"{destination.Length} bytes do not hold {elapsedMs}", nameof(destination));

    /// <summary>
    /// Writes the body for <paramref name="limit"/> items (<see cref="Length"/> bytes) piecewise into
    /// <paramref name="destination"/>, so no buffer of the whole body is needed.
    /// </summary>
    public void Write(IBufferWriter<byte> destination, int limit, ReadOnlySpan<byte> elapsed)
    {
        destination.Write(_bytes.AsSpan(0, _headLength));
        destination.Write(elapsed);
        destination.Write(_bytes.AsSpan(_middleStart, ItemsEnd(limit) - _middleStart));
        destination.Write(Tail);
    }

    private int ItemsEnd(int limit)
    {
        if ((uint)limit > (uint)_itemEnds.Length)
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"rendered for at most {_itemEnds.Length} items");
        return limit == 0 ? _itemsStart : _itemEnds[limit - 1];
    }
}
