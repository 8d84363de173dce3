using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Recs.Aot.Http.OpenApi;

/// <summary>
/// The example answers of the README's recommendations section (the AOT binary serving the 1,039,665-rating Letterboxd
/// set), shown by the API reference beside the schemas. Parsed when the document is generated, which happens once.
/// </summary>
internal static class RecommendationExamples
{
    private const string Computed = """
        {"username":"u3d5da1aa02","mode":"computed","elapsed_ms":0.764,"model_version":"svd-20261125184137-1040186+1040186","items":[{"film_id":"drive-2011","title":"Drive","year":2011,"score":1.0924,"reason":"rated 3.8★ by 652 people with your taste"},{"film_id":"alien","title":"Alien","year":1979,"score":1.043,"reason":"rated 4.3★ by 685 people with your taste"},{"film_id":"zodiac","title":"Zodiac","year":2007,"score":1.0125,"reason":"rated 4.1★ by 586 people with your taste"}],"note":null}
        """;

    private const string Cached = """
        {"username":"u3d5da1aa02","mode":"ultra_fast","elapsed_ms":0.004,"model_version":"svd-20261125184137-1040186+1040186","items":[{"film_id":"drive-2011","title":"Drive","year":2011,"score":1.0924,"reason":"rated 3.8★ by 652 people with your taste"},{"film_id":"alien","title":"Alien","year":1979,"score":1.043,"reason":"rated 4.3★ by 685 people with your taste"},{"film_id":"zodiac","title":"Zodiac","year":2007,"score":1.0125,"reason":"rated 4.1★ by 586 people with your taste"}],"note":null}
        """;

    private const string Fallback = """
        {"username":"someone_new","mode":"fallback","elapsed_ms":0.004,"model_version":"svd-20261125184137-1040186+1040186","items":[{"film_id":"parasite-2019","title":"Parasite","year":2019,"score":33.6822,"reason":"popular with everyone: 1680 ratings, 4.5★ average"},{"film_id":"whiplash-2014","title":"Whiplash","year":2014,"score":32.1382,"reason":"popular with everyone: 1483 ratings, 4.4★ average"}],"note":"unknown user: showing films popular with everyone"}
        """;

    private const string Filtered = """
        {"username":"u3d5da1aa02","mode":"computed","elapsed_ms":1.002,"model_version":"svd-20261125184137-1040186+1040186","items":[{"film_id":"the-sixth-sense","title":"The Sixth Sense","year":1999,"score":0.8664,"reason":"rated 4.0★ by 406 people with your taste"},{"film_id":"the-matrix","title":"The Matrix","year":1999,"score":0.8571,"reason":"rated 4.2★ by 743 people with your taste"},{"film_id":"twin-peaks-fire-walk-with-me","title":"Twin Peaks: Fire Walk with Me","year":1992,"score":0.8014,"reason":"rated 4.4★ by 250 people with your taste"}],"note":null}
        """;

    private const string Csv = "Title,Year,LetterboxdURI\r\nDrive,2011,https://letterboxd.com/film/drive-2011/\r\n" +
        "Alien,1979,https://letterboxd.com/film/alien/\r\nZodiac,2007,https://letterboxd.com/film/zodiac/\r\n";

    private const string InvalidUsername = """
        {"type":"https://recs.dev/problems/invalid-username","title":"Invalid username","status":400,"detail":"'bad.name' is not a valid username: username may contain only ASCII letters, digits, '_' and '-'"}
        """;

    /// <summary>The JSON answers of 200: computed, from the cache, for an unknown person, and filtered.</summary>
    public static Dictionary<string, IOpenApiExample> Json() => new()
    {
        ["computed"] = Example("GET /api/recomendacoes/u3d5da1aa02?limit=3", Computed),
        ["ultra_fast"] = Example("The same request again, answered from the cache", Cached),
        ["fallback"] = Example("GET /api/recomendacoes/someone_new?limit=2: an unknown person gets popular films", Fallback),
        ["filtered"] = Example("?limit=3&min_year=1990&max_year=1999&exclude_genres=documentary,animation", Filtered),
    };

    /// <summary>The CSV answer of <c>format=csv</c>.</summary>
    public static Dictionary<string, IOpenApiExample> LetterboxdCsv() => new()
    {
        ["csv"] = new OpenApiExample { Summary = "GET /api/recomendacoes/u3d5da1aa02?limit=3&format=csv", Value = JsonValue.Create(Csv) },
    };

    /// <summary>The problem answered for a username that breaks the rule.</summary>
    public static Dictionary<string, IOpenApiExample> Problem() => new()
    {
        ["invalid_username"] = Example("GET /api/recomendacoes/bad.name", InvalidUsername),
    };

    private static OpenApiExample Example(string summary, string json) => new() { Summary = summary, Value = JsonNode.Parse(json) };
}
