namespace Recs.Aot.Recommendations;

/// <summary>How a recommendation list was produced; the wire names are part of the API.</summary>
public static class RecommendationMode
{
    public const string UltraFast = "ultra_fast";
    public const string Computed = "computed";
    public const string Fallback = "fallback";
    public const string Error = "error";
}
