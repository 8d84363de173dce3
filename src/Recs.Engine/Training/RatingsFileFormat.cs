namespace Recs.Engine.Training;

/// <summary>The ratings layouts <see cref="RatingsFileReader"/> recognises by their header.</summary>
public enum RatingsFileFormat
{
    /// <summary>MovieLens: <c>userId,movieId,rating[,timestamp]</c>, rating in stars 0.5–5.</summary>
    MovieLens,

    /// <summary>The scraped Letterboxd data set: <c>user_id,movie_id,rating_val</c>, rating_val 1–10 in half stars.</summary>
    LetterboxdDataset,
}
