using Recs.Engine.Recommendation;

namespace Recs.Tests.Engine;

public sealed class SimilarFilmsTests
{
    [Fact]
    public void Similar_films_are_the_neighbours_ranked_by_audience_cosine_as_a_brute_force_count_gives()
    {
        var data = SyntheticModel.Data;
        var model = SyntheticModel.Model;
        int k = model.NeighbourCount;
        var output = new SimilarFilm[k];
        for (int film = 0; film < data.FilmCount; film += 5)
        {
            // Count, for every neighbour in the model's list, the users whose ratings hold both films (a linear scan).
            var expected = new List<SimilarFilm>();
            for (int n = 0; n < k; n++)
            {
                int other = model.NeighbourFilms[film * k + n];
                if (other < 0)
                    break;
                int shared = 0, liked = 0;
                for (int u = 0; u < data.UserCount; u++)
                {
                    var films = data.FilmsOf(u).ToArray();
                    var stars = data.StarsOf(u).ToArray();
                    int a = Array.IndexOf(films, film), b = Array.IndexOf(films, other);
                    if (a < 0 || b < 0)
                        continue;
                    shared++;
                    if (stars[a] >= 4f && stars[b] >= 4f)
                        liked++;
                }
                if (shared > 0)
                    expected.Add(new SimilarFilm(other, shared / MathF.Sqrt((float)data.FilmCounts[film] * data.FilmCounts[other]), shared, liked));
            }
            expected = [.. expected.OrderByDescending(e => e.Cosine).ThenBy(e => e.Film)];

            int found = SimilarFilms.Find(model, data, film, output);
            Assert.Equal(expected.Count, found);
            for (int i = 0; i < found; i++)
            {
                Assert.Equal((expected[i].Film, expected[i].SharedAudience, expected[i].BothLiked), (output[i].Film, output[i].SharedAudience, output[i].BothLiked));
                Assert.Equal(expected[i].Cosine, output[i].Cosine, 5);
            }
        }
    }

    [Fact]
    public void Fewer_slots_keep_the_best_and_a_film_is_never_like_itself()
    {
        var data = SyntheticModel.Data;
        var model = SyntheticModel.Model;
        var all = new SimilarFilm[model.NeighbourCount];
        var three = new SimilarFilm[3];
        for (int film = 0; film < data.FilmCount; film += 9)
        {
            int n = SimilarFilms.Find(model, data, film, all);
            int m = SimilarFilms.Find(model, data, film, three);
            Assert.Equal(System.Math.Min(3, n), m);
            Assert.Equal(all.Take(m), three.Take(m));
            Assert.DoesNotContain(all.Take(n), s => s.Film == film);
        }
    }
}
