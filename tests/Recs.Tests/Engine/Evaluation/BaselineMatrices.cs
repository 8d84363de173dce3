using Recs.Engine.Catalog;
using Recs.Engine.Data;
using Recs.Engine.Evaluation;

namespace Recs.Tests.Engine.Evaluation;

/// <summary>Small seeded rating sets for the baseline and split tests, as triples and as a data set with a dense copy.</summary>
internal static class BaselineMatrices
{
    public static List<RatingTriple> Triples(int users, int films, double density, int seed)
    {
        var random = new Random(seed);
        var list = new List<RatingTriple>();
        for (int u = 0; u < users; u++)
        {
            for (int f = 0; f < films; f++)
            {
                // Lower-numbered films are more popular, so degrees differ and β has something to penalise.
                if (random.NextDouble() < density * (1.5 - f / (double)films))
                    list.Add(new RatingTriple($"u{u}", $"f{f}", 0.5f * random.Next(1, 11)));
            }
        }
        return list;
    }

    public static RatingsDataset Dataset(IReadOnlyList<RatingTriple> triples, int films)
    {
        var builder = new RatingsDatasetBuilder();
        for (int f = 0; f < films; f++)
            builder.AddFilm(new Film($"f{f}", $"f{f}", null, [], "movie", null, null));
        foreach (var t in triples)
            builder.AddRating(new RatingRecord(t.User, t.Film, t.Stars, null));
        return builder.Build();
    }

    /// <summary>Row-major users × films stars, 0 where unrated.</summary>
    public static double[,] Dense(RatingsDataset data)
    {
        var x = new double[data.UserCount, data.FilmCount];
        for (int u = 0; u < data.UserCount; u++)
        {
            var films = data.FilmsOf(u);
            var stars = data.StarsOf(u);
            for (int i = 0; i < films.Length; i++)
                x[u, films[i]] = stars[i];
        }
        return x;
    }
}
