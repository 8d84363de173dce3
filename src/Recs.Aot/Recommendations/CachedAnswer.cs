using System.Text;
using Recs.Engine.Catalog;
using Recs.Engine.Recommendation;
using Recs.Engine.Serving;

namespace Recs.Aot.Recommendations;

/// <summary>
/// A cache hit ready to send: the person's cached list cut to the requested limit, written as the UTF-8 JSON body the
/// serialiser writes for the same <c>RecommendationResponse</c> (mode <c>ultra_fast</c>), assembled from the
/// catalogue's pre-escaped pieces (<see cref="CatalogueJson"/>) and a few numbers formatted per request. A hit thus
/// builds no items or reason strings, and a cache entry holds 32 bytes an item instead of its rendered text (about
/// 240 bytes an item). Pinned byte for byte against the serialiser by <c>CachedAnswerTests</c>.
/// </summary>
public readonly struct CachedAnswer
{
    private static readonly byte[] UltraFast = CatalogueJson.Escaped(RecommendationMode.UltraFast);
    private static readonly byte[] StarsAverage = CatalogueJson.Escaped("★ average");
    private static readonly byte[] StarsBy = CatalogueJson.Escaped("★ by ");
    // The star glyphs of 0 to 10 half stars, as reasons spell a rating.
    private static readonly byte[][] Glyphs = [.. Enumerable.Range(0, 11).Select(h => CatalogueJson.Escaped(StarRating.ToGlyphs(h * 0.5f)))];

    // Numbers and the fixed words of a reason and an item, with room to spare; titles and ids are counted exactly.
    private const int ItemSlack = 320;
    private const int HeadSlack = 160;

    private readonly ServingModel _model;
    private readonly CatalogueJson _catalogue;
    private readonly CachedRecommendations _entry;
    private readonly string _username;

    internal CachedAnswer(ServingModel model, CatalogueJson catalogue, CachedRecommendations entry, string username, int items, double elapsedMs)
    {
        _model = model;
        _catalogue = catalogue;
        _entry = entry;
        _username = username;
        Items = items;
        ElapsedMs = elapsedMs;
    }

    /// <summary>How many items the body lists.</summary>
    public int Items { get; }

    /// <summary>The elapsed time the body reports, in milliseconds.</summary>
    public double ElapsedMs { get; }

    /// <summary>
    /// An upper bound of the body's length in bytes, from the catalogue's longest pieces (a few hundred bytes an item
    /// on real catalogues): the size of the span <see cref="Write"/> needs.
    /// </summary>
    public int MaxLength =>
        // The encoder writes at most six bytes (\uXXXX) for each character of the username and the version.
        HeadSlack + 6 * (_username.Length + _model.Version.Length)
        + Items * (_catalogue.LongestItemOpening + 2 * (_catalogue.LongestTitle + _catalogue.LongestQuotedId) + ItemSlack);

    /// <summary>Writes the body into <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes); returns its length.</summary>
    public int Write(Span<byte> destination)
    {
        var body = new Utf8Cursor(destination);
        body.Append("{\"username\":\""u8);
        AppendEscaped(ref body, _username);
        body.Append("\",\"mode\":\""u8);
        body.Append(UltraFast);
        body.Append("\",\"elapsed_ms\":"u8);
        body.Append(ElapsedMs);
        body.Append(",\"model_version\":\""u8);
        AppendEscaped(ref body, _model.Version);
        body.Append("\",\"items\":["u8);
        for (int i = 0; i < Items; i++)
        {
            if (i > 0)
                body.Append((byte)',');
            AppendItem(ref body, _entry.Films[i], _entry.Because[i]);
        }
        body.Append("],\"note\":null}"u8);
        return body.Written;
    }

    private void AppendItem(ref Utf8Cursor body, ScoredFilm s, FilmEvidence evidence)
    {
        body.Append(_catalogue.ItemOpening(s.Film));
        body.AppendFourDecimals(System.Math.Round(s.Score, 4));
        AppendReason(ref body, s, evidence);
        body.Append("\",\"because\":["u8);
        if (evidence.Count >= 1)
            body.Append(_catalogue.QuotedId(evidence.First));
        if (evidence.Count == 2)
        {
            body.Append((byte)',');
            body.Append(_catalogue.QuotedId(evidence.Second));
        }
        body.Append("]}"u8);
    }

    // The reasons RecommendationService.Materialise words, in the same order of precedence.
    private void AppendReason(ref Utf8Cursor body, ScoredFilm s, FilmEvidence evidence)
    {
        if (evidence.Count >= 1)
        {
            body.Append(",\"reason\":\"because you rated "u8);
            AppendRated(ref body, evidence.First, evidence.FirstStars);
            if (evidence.Count == 2)
            {
                body.Append(" and "u8);
                AppendRated(ref body, evidence.Second, evidence.SecondStars);
            }
            return;
        }
        var data = _model.Data;
        if (s.Supporters == RecommendationService.PopularMarker)
        {
            body.Append(",\"reason\":\"popular: "u8);
            body.Append(data.RatingCountOf(s.Film));
            body.Append(" ratings, "u8);
            body.Append(data.FilmMeans[s.Film], "0.0");
            body.Append(StarsAverage);
            return;
        }
        body.Append(",\"reason\":\"rated "u8);
        if (TasteGroupReason.TryGetSupport(_model.Trained, _entry.TasteGroup, s.Film, out int raters, out float mean, out int size))
        {
            body.Append(mean, "0.0");
            body.Append(StarsBy);
            body.Append(raters);
            body.Append(" of the "u8);
            body.Append(size);
            body.Append(" people in your taste group"u8);
            return;
        }
        body.Append(s.SupportMean, "0.0");
        body.Append(StarsBy);
        body.Append(s.Supporters);
        body.Append(" people with your taste"u8);
    }

    private void AppendRated(ref Utf8Cursor body, int film, float stars)
    {
        body.Append(_catalogue.TitleAndSpace(film));
        int halves = (int)MathF.Round(stars * 2);
        body.Append((uint)halves < (uint)Glyphs.Length ? Glyphs[halves] : CatalogueJson.Escaped(StarRating.ToGlyphs(stars)));
    }

    // Usernames and model versions are short; escaping them per request costs less than keeping them per entry.
    private static void AppendEscaped(ref Utf8Cursor body, string value)
    {
        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(64)];
        if (value.Length > 64)
        {
            body.Append(CatalogueJson.Escaped(value));
            return;
        }
        int n = Encoding.UTF8.GetBytes(value, utf8);
        Span<byte> escaped = stackalloc byte[6 * n];
        CatalogueJson.Encoder.EncodeUtf8(utf8[..n], escaped, out _, out int written);
        body.Append(escaped[..written]);
    }
}
