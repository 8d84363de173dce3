using Recs.Engine.Training;

namespace Recs.Engine.Evaluation;

/// <summary>
/// Reads a ratings CSV for evaluation through the training reader (<see cref="RatingsFileReader"/>): MovieLens
/// (userId,movieId,rating[,timestamp], stars) or the Letterboxd data set (user_id,movie_id,rating_val, half stars
/// 1–10), plain or .gz, LF or CRLF.
/// </summary>
public static class RatingsFile
{
    /// <summary>Every rating in the file; throws <see cref="RatingsFileException"/> on an unknown header or a bad row.</summary>
    public static List<RatingTriple> Read(string path)
    {
        var triples = RatingsFileReader.Read(path);
        var ratings = new List<RatingTriple>(triples.Count);
        for (int i = 0; i < triples.Count; i++)
            ratings.Add(new RatingTriple(triples.UserIds[triples.Users[i]], triples.FilmIds[triples.Films[i]], triples.Stars[i]));
        return ratings;
    }
}
