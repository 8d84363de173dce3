namespace Recs.Storage;

/// <summary>Stores genres as one pipe-joined text column, the format both source data sets already use.</summary>
internal static class GenreList
{
    public static string Join(string[] genres) => string.Join('|', genres);

    public static string[] Split(string joined) =>
        joined.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
