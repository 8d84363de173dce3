namespace Recs.Engine.Training;

/// <summary>
/// Ratings as parallel arrays of (user index, film index, stars) with the external id of every index; the form a
/// ratings file is read into before it becomes a matrix. Pairs may repeat; the pipeline keeps the last one.
/// </summary>
public sealed record RatingTriples(string[] UserIds, string[] FilmIds, int[] Users, int[] Films, float[] Stars)
{
    public int Count => Stars.Length;

    /// <summary>The file layout the ratings were read from, or null when they did not come from a file.</summary>
    public RatingsFileFormat? Format { get; init; }
}
