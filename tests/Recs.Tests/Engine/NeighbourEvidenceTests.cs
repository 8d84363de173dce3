using Recs.Engine.Catalog;
using Recs.Engine.Recommendation;

namespace Recs.Tests.Engine;

public sealed class NeighbourEvidenceTests
{
    [Fact]
    public void Evidence_is_the_two_heaviest_liked_neighbours_as_a_brute_force_scan_finds_them()
    {
        var data = SyntheticModel.Data;
        var model = SyntheticModel.Model;
        int k = model.NeighbourCount;
        Assert.True(k > 0, "the synthetic model must have item neighbours");
        int named = 0;
        for (int user = 0; user < data.UserCount; user += 7)
        {
            var films = data.FilmsOf(user);
            var stars = data.StarsOf(user);
            var byFilm = new float[data.FilmCount];
            NeighbourEvidence.Spread(films, stars, byFilm);
            for (int film = 0; film < data.FilmCount; film++)
            {
                // Every (neighbour, weight) pair of the film's list the person liked, by a linear scan of their ratings.
                var liked = new List<(int Film, float Weight, float Stars)>();
                for (int n = 0; n < k; n++)
                {
                    int neighbour = model.NeighbourFilms[film * k + n];
                    float weight = model.NeighbourSimilarities[film * k + n];
                    if (neighbour < 0 || weight <= 0)
                        continue;
                    for (int r = 0; r < films.Length; r++)
                    {
                        if (films[r] == neighbour && stars[r] >= 4f)
                            liked.Add((neighbour, weight, stars[r]));
                    }
                }
                var expected = liked.OrderByDescending(e => e.Weight).ThenByDescending(e => e.Stars).ThenBy(e => e.Film).Take(2).ToList();
                var evidence = NeighbourEvidence.Strongest(model, film, byFilm);
                Assert.Equal(expected.Count, evidence.Count);
                if (expected.Count > 0)
                    Assert.Equal((expected[0].Film, expected[0].Stars), (evidence.First, evidence.FirstStars));
                if (expected.Count > 1)
                    Assert.Equal((expected[1].Film, expected[1].Stars), (evidence.Second, evidence.SecondStars));
                named += evidence.Count;
            }
        }
        Assert.True(named > 100, $"only {named} films named over the sample: the scan or the model is degenerate");
    }

    [Fact]
    public void Films_rated_below_four_stars_are_never_evidence()
    {
        var data = SyntheticModel.Data;
        var model = SyntheticModel.Model;
        var films = data.FilmsOf(3).ToArray();
        // The same films, every one rated 3.5: nothing the person liked remains to speak for any film.
        var lukewarm = new float[data.FilmCount];
        NeighbourEvidence.Spread(films, Enumerable.Repeat(3.5f, films.Length).ToArray(), lukewarm);
        for (int film = 0; film < data.FilmCount; film++)
            Assert.Equal(0, NeighbourEvidence.Strongest(model, film, lukewarm).Count);
    }

    [Theory]
    [InlineData(0.5f, "½")]
    [InlineData(1f, "★")]
    [InlineData(3.5f, "★★★½")]
    [InlineData(4.5f, "★★★★½")]
    [InlineData(5f, "★★★★★")]
    public void Stars_are_written_as_letterboxd_writes_them(float stars, string glyphs)
    {
        Assert.Equal(glyphs, StarRating.ToGlyphs(stars));
    }
}
