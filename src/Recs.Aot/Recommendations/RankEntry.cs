namespace Recs.Aot.Recommendations;

/// <summary>
/// One film of a list to rank, as sent: <see cref="Shown"/> is how it is echoed when unmatched (the JSON string, or
/// the CSV row's URI or name and year); it is matched by slug, Letterboxd URI, or title and year.
/// </summary>
public readonly record struct RankEntry(string Shown, string Uri, string Name, int? Year)
{
    /// <summary>A JSON entry: a slug or a Letterboxd URI, no title.</summary>
    public static RankEntry FromId(string id) => new(id, id.Trim(), "", null);
}
