namespace Recs.Aot.Http.Page;

/// <summary>
/// The page's three files, read once from the resources compiled into the binary (Recs.Aot.csproj embeds
/// Http/Page/assets/*), so the page needs no files beside the binary and no build step of its own.
/// </summary>
internal static class PageAssets
{
    public const string IndexRoute = "/";
    public const string StyleRoute = "/page/recs.css";
    public const string ScriptRoute = "/page/recs.js";

    /// <summary>Every asset with its route; a resource missing from the binary fails the first use, not a request.</summary>
    public static IReadOnlyList<PageAsset> All { get; } =
    [
        new(IndexRoute, "text/html; charset=utf-8", Read("index.html")),
        new(StyleRoute, "text/css; charset=utf-8", Read("recs.css")),
        new(ScriptRoute, "text/javascript; charset=utf-8", Read("recs.js")),
    ];

    private static byte[] Read(string name)
    {
        using var stream = typeof(PageAssets).Assembly.GetManifestResourceStream("page/" + name)
            ?? throw new InvalidOperationException($"the page file '{name}' is not embedded in this binary");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
