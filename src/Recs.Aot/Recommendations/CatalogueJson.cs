using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Recs.Aot.Http.Contracts;
using Recs.Engine.Catalog;

namespace Recs.Aot.Recommendations;

/// <summary>
/// Every film of a catalogue as the UTF-8 JSON pieces a cached answer is assembled from, escaped once with the
/// service's encoder: the opening of its item up to the score (<c>{"film_id":…,"title":…,"year":…,"score":</c>), its
/// title as it appears inside a reason (with the space before the stars), and its quoted id as it appears in
/// <c>because</c>. One byte array and one offset table for the whole catalogue (about 130 bytes a film), so cache
/// entries need not hold rendered text.
/// </summary>
public sealed class CatalogueJson
{
    private const int PiecesPerFilm = 3;

    private readonly byte[] _bytes;
    // _starts[3f] item opening, _starts[3f + 1] title, _starts[3f + 2] quoted id; each piece ends where the next starts.
    private readonly int[] _starts;

    private CatalogueJson(IReadOnlyList<Film> films, byte[] bytes, int[] starts)
    {
        Films = films;
        _bytes = bytes;
        _starts = starts;
        for (int f = 0; f < films.Count; f++)
        {
            LongestItemOpening = System.Math.Max(LongestItemOpening, ItemOpening(f).Length);
            LongestTitle = System.Math.Max(LongestTitle, TitleAndSpace(f).Length);
            LongestQuotedId = System.Math.Max(LongestQuotedId, QuotedId(f).Length);
        }
    }

    /// <summary>The longest <see cref="ItemOpening"/> of the catalogue, in bytes.</summary>
    public int LongestItemOpening { get; }

    /// <summary>The longest <see cref="TitleAndSpace"/> of the catalogue, in bytes.</summary>
    public int LongestTitle { get; }

    /// <summary>The longest <see cref="QuotedId"/> of the catalogue, in bytes.</summary>
    public int LongestQuotedId { get; }

    /// <summary>The catalogue these pieces were built from; a data set with another film list needs its own.</summary>
    public IReadOnlyList<Film> Films { get; }

    /// <summary>The service's encoder: what the source-generated serialiser escapes strings with.</summary>
    public static JavaScriptEncoder Encoder => RecsJsonContext.WebOptions.Encoder!;

    /// <summary>Encodes every film of <paramref name="films"/>.</summary>
    public static CatalogueJson Build(IReadOnlyList<Film> films)
    {
        var bytes = new List<byte>(films.Count * 128);
        var starts = new int[films.Count * PiecesPerFilm + 1];
        for (int f = 0; f < films.Count; f++)
        {
            var film = films[f];
            byte[] slug = Escaped(film.Slug);
            byte[] title = Escaped(film.Title);
            starts[PiecesPerFilm * f] = bytes.Count;
            bytes.AddRange("{\"film_id\":\""u8);
            bytes.AddRange(slug);
            bytes.AddRange("\",\"title\":\""u8);
            bytes.AddRange(title);
            bytes.AddRange("\",\"year\":"u8);
            bytes.AddRange(film.Year is { } year ? Encoding.UTF8.GetBytes(year.ToString(System.Globalization.CultureInfo.InvariantCulture)) : "null"u8);
            bytes.AddRange(",\"score\":"u8);
            starts[PiecesPerFilm * f + 1] = bytes.Count;
            bytes.AddRange(title);
            bytes.Add((byte)' ');
            starts[PiecesPerFilm * f + 2] = bytes.Count;
            bytes.Add((byte)'"');
            bytes.AddRange(slug);
            bytes.Add((byte)'"');
        }
        starts[^1] = bytes.Count;
        return new CatalogueJson(films, [.. bytes], starts);
    }

    /// <summary><c>{"film_id":"…","title":"…","year":…,"score":</c> of a film by index.</summary>
    public ReadOnlySpan<byte> ItemOpening(int film) => Piece(PiecesPerFilm * film);

    /// <summary>A film's title escaped for the inside of a JSON string, without quotes, and a space.</summary>
    public ReadOnlySpan<byte> TitleAndSpace(int film) => Piece(PiecesPerFilm * film + 1);

    /// <summary>A film's id (slug) as a quoted JSON string.</summary>
    public ReadOnlySpan<byte> QuotedId(int film) => Piece(PiecesPerFilm * film + 2);

    /// <summary>Escapes a string with the service's encoder (what the serialiser writes between the quotes).</summary>
    public static byte[] Escaped(string value) => JsonEncodedText.Encode(value, Encoder).EncodedUtf8Bytes.ToArray();

    private ReadOnlySpan<byte> Piece(int i) => _bytes.AsSpan(_starts[i], _starts[i + 1] - _starts[i]);
}
