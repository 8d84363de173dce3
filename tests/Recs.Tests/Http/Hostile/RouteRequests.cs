using CsCheck;

namespace Recs.Tests.Http.Hostile;

/// <summary>
/// Generators of requests to the read routes — /ping, /health, /api/test, /api/recomendacoes with every query option,
/// /api/cache, /api/preload, /api/debug, /api/memory — by GET and HEAD, with hostile usernames and values put in
/// encoded, double-encoded or as typed; and of stray requests: unknown paths, wrong methods, very long targets.
/// </summary>
internal static class RouteRequests
{
    private static readonly string[] Genres = ["horror", "Comedy", "DRAMA", "science fiction", "Animation", "documentary", "Romance", "thriller", "music", "western"];

    private static readonly Gen<UrlText.Mode> Mode = Gen.Frequency<UrlText.Mode>(
        (8, Gen.Const(UrlText.Mode.Encoded)), (1, Gen.Const(UrlText.Mode.DoubleEncoded)), (1, Gen.Const(UrlText.Mode.Raw)));

    private static readonly Gen<string> Method = Gen.Frequency<string>((6, Gen.Const("GET")), (1, Gen.Const("HEAD")));

    /// <summary>A path segment naming someone, valid or not: (text to put in the target, whether it was left raw).</summary>
    private static readonly Gen<(string Text, bool Raw)> UserSegment =
        from name in Gen.Frequency<string>((7, Usernames.Valid), (3, Usernames.Invalid))
        from mode in Mode
        select (UrlText.Apply(name, mode), mode == UrlText.Mode.Raw);

    private static Gen<string> Value(params string[] documented) => Gen.Frequency<string>((6, Gen.OneOf(documented)), (3, HostileText.Any));

    // One query parameter: key=value in a mode, or the key alone, or an empty value.
    private static Gen<(string Text, bool Raw)> Parameter(string key, Gen<string> value) =>
        from v in value
        from mode in Mode
        from shape in Gen.Int[0, 24]
        select shape switch
        {
            0 => (key, false),
            1 => ($"{key}=", false),
            2 => ($"{UrlText.Encode(key).Replace("_", "%5F").Replace("l", "%6C")}={UrlText.Encode(v)}", false),
            _ => ($"{key}={UrlText.Apply(v, mode)}", mode == UrlText.Mode.Raw),
        };

    private static readonly Gen<(string Text, bool Raw)>[] Options =
    [
        Parameter("limit", Value("1", "20", "100", "57", "0", "101", "-1", "", "1.5", "1e1")),
        Parameter("min_year", Value("1870", "1960", "1990", "2100", "1869", "2101", "2024")),
        Parameter("max_year", Value("1870", "1975", "2000", "2100", "1869", "2101", "1960")),
        Parameter("genres", GenreList),
        Parameter("exclude_genres", GenreList),
        Parameter("type", Value("movie", "tv", "any", "MOVIE", "Any", "", "film", "tv,movie")),
        Parameter("obscurity", Value("0", "1", "0.5", "0.25", "-0", "1e-5", "0.999999", "1.0000001", "-0.0001", "NaN", "Infinity", "0,5", "½")),
        Parameter("format", Value("json", "csv", "CSV", "Json", "xml", "", "csv,json")),
    ];

    private static Gen<string> GenreList =>
        from count in Gen.Int[0, 12]
        from picks in Gen.Int[0, Genres.Length - 1].Array[count]
        from style in Gen.Int[0, 9]
        from hostile in HostileText.Short
        select style switch
        {
            0 => $" {string.Join(" , ", picks.Select(p => Genres[p]))} ,,",
            1 => string.Join(',', picks.Select(p => Genres[p]).Append(new string('g', 41))),
            2 => string.Join(',', picks.Select(p => Genres[p]).Append(hostile)),
            _ => string.Join(',', picks.Select(p => Genres[p])),
        };

    private static readonly Gen<(string Text, bool Raw)> Junk =
        from key in HostileText.Short
        from value in HostileText.Short
        from shape in Gen.Int[0, 3]
        select shape switch
        {
            0 => ("&&=&", false),
            1 => ($"{UrlText.Encode(key)}={UrlText.Encode(value)}", false),
            2 => ($"limit=5&limit={UrlText.Encode(value)}", false),
            _ => ($"{key}={value}", true),
        };

    // A query of any subset of the recommendation options, sometimes a repeated or unknown parameter.
    private static readonly Gen<(string Text, bool Raw)> RecommendationQuery =
        from include in Gen.Int[0, 99].Array[Options.Length]
        from options in Gen.Select(Gen.Select(Options[0], Options[1], Options[2], Options[3]), Gen.Select(Options[4], Options[5], Options[6], Options[7]))
        from junk in Junk
        from addJunk in Gen.Int[0, 9]
        select Query([.. new[] { options.Item1.Item1, options.Item1.Item2, options.Item1.Item3, options.Item1.Item4,
                                 options.Item2.Item1, options.Item2.Item2, options.Item2.Item3, options.Item2.Item4 }
                        .Where((_, i) => include[i] < 35), .. addJunk == 0 ? new[] { junk } : []]);

    private static readonly Gen<(string Text, bool Raw)> JunkQuery =
        from junk in Junk
        from add in Gen.Int[0, 7]
        select add == 0 ? Query([junk]) : ("", false);

    private static Gen<HostileRequest> UserRoute(string route, string prefix, Gen<(string Text, bool Raw)> query) =>
        from method in Method
        from user in UserSegment
        from q in query
        from auth in Authorizations.ForRead
        select new HostileRequest(route, method, $"{prefix}{user.Text}{q.Text}", user.Raw || q.Raw, null, auth, null);

    private static readonly Gen<HostileRequest> Liveness =
        from method in Method
        from path in Gen.OneOf<string>("/ping", "/health")
        from q in JunkQuery
        select new HostileRequest(method + " " + path, method, path + q.Text, q.Raw, null, null, null);

    private static readonly Gen<HostileRequest> Preload =
        from method in Method
        from count in Parameter("count", Value("1", "10", "100", "300", "10000", "0", "10001", "-1", "", "1e3", "99999999999"))
        select new HostileRequest("GET /api/preload", method, "/api/preload" + Query([count]).Text, count.Raw, null, null, null);

    private static readonly Gen<HostileRequest> Memory = Method.Select(m => new HostileRequest("GET /api/memory", m, "/api/memory", false, null, null, null));

    private static readonly Gen<HostileRequest> Stray =
        from method in Gen.OneOf<string>("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "X-HOSTILE")
        from path in Gen.OneOf<string>("/", "/api", "/api/", "/api/recomendacoes", "/api/recomendacoes/", "/api/users//ratings",
            "/api/users/demo_001/ratings/extra", "/favicon.ico", "/.env", "/api/admin", "/api/admin/retrain/x", "/health/", "/ping/", "/PING",
            "/api/TEST/demo_001", "/%2e%2e/%2e%2e/etc/passwd", "/api/test/..%2F..%2Fhealth", "/api/./test/demo_001", "/api/test/demo_001/",
            "//api/test/demo_001", "/api/test/demo_001;jsessionid=x", "/api/users/demo_001/ratings", "/api/admin/retrain", "/api/test/demo_001",
            "/ping", "/api/recomendacoes/demo_001?limit=5", "/api/test/%C0%AE%C0%AE/health", "/api/test/a%2Fb", "/api/test/%252e%252e")
        from bytes in Gen.Byte.Array[0, 64]
        let writes = method == "POST" && path is "/api/users/demo_001/ratings" or "/api/admin/retrain"
        select new HostileRequest("stray", writes ? "PUT" : method, path, false, method is "POST" or "PUT" or "PATCH" ? new HostileBody(bytes, "text/csv") : null, null, null);

    private static readonly Gen<HostileRequest> ClientNormalised =
        from method in Method
        from path in Gen.OneOf<string>("/api/test/../../health", "/api/recomendacoes/demo_001/../demo_002", "/api\\test\\demo_001", "/api/test/ demo_001",
            "/api/test/démo", "/api/test/😀", "/api/test/\u202Eevil", "/api/debug/demo_001#fragment", "/api/test/a b?c d=e f")
        select new HostileRequest("normalised by the client", method, path, true, null, null, null);

    private static readonly Gen<HostileRequest> VeryLong =
        from method in Method
        from value in HostileText.TenKilobytes
        from shape in Gen.Int[0, 2]
        select shape switch
        {
            0 => new HostileRequest("very long path", method, "/api/test/" + UrlText.Encode(value), false, null, null, null),
            1 => new HostileRequest("very long path", method, "/api/recomendacoes/demo_001?genres=" + UrlText.Encode(value), false, null, null, null),
            _ => new HostileRequest("very long path", method, "/" + string.Concat(Enumerable.Repeat("a/", 5_000)), false, null, null, null),
        };

    /// <summary>Any read-route or stray request.</summary>
    public static readonly Gen<HostileRequest> Any = Gen.Frequency<HostileRequest>(
        (5, Liveness),
        (12, UserRoute("GET /api/test/{u}", "/api/test/", JunkQuery)),
        (32, UserRoute("GET /api/recomendacoes/{u}", "/api/recomendacoes/", RecommendationQuery)),
        (6, UserRoute("GET /api/cache/{u}", "/api/cache/", JunkQuery)),
        (8, UserRoute("GET /api/debug/{u}", "/api/debug/", JunkQuery)),
        (3, Preload),
        (1, Memory),
        (5, Stray),
        (1, ClientNormalised),
        (1, VeryLong));

    private static (string Text, bool Raw) Query(IReadOnlyList<(string Text, bool Raw)> parameters) =>
        parameters.Count == 0 ? ("", false) : ("?" + string.Join('&', parameters.Select(p => p.Text)), parameters.Any(p => p.Raw));
}
