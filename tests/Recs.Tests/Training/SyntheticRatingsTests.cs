using Recs.Engine.Training;

namespace Recs.Tests.Training;

public sealed class SyntheticRatingsTests
{
    [Fact]
    public void Every_user_can_be_filled_to_a_quarter_of_the_films_rounded_down()
    {
        // 22 films: a user rates at most 5, so 10 users hold at most 50 ratings.
        var ratings = SyntheticRatings.Generate(users: 10, films: 22, ratings: 50, tasteClusters: 2, seed: 1);

        Assert.Equal(50, ratings.Count);
        var perUser = Enumerable.Range(0, ratings.Count).GroupBy(i => ratings.Users[i]).ToList();
        Assert.All(perUser, g => Assert.Equal(5, g.Select(i => ratings.Films[i]).Distinct().Count()));
    }

    [Fact]
    public async Task More_ratings_than_the_per_user_cap_allows_are_refused_instead_of_looping()
    {
        // 10 × 22 / 4 = 55 passed the old check, but no user may rate a sixth film: the count could never be reached.
        var attempt = Task.Run(() => SyntheticRatings.Generate(users: 10, films: 22, ratings: 51, tasteClusters: 2, seed: 1));
        await Task.WhenAny(attempt, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(attempt.IsCompleted, "Generate did not return within 30 s for a count it cannot reach");
        var error = await Assert.ThrowsAsync<ArgumentException>(() => attempt);
        Assert.Contains("at most 50", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 100, 10, 1)]
    [InlineData(10, 19, 10, 1)]
    [InlineData(10, 100, 9, 1)]
    [InlineData(10, 100, 10, 0)]
    public void Impossible_shapes_are_explained(int users, int films, int ratings, int clusters)
    {
        Assert.NotNull(SyntheticRatings.WhyImpossible(users, films, ratings, clusters));
        Assert.Throws<ArgumentException>(() => SyntheticRatings.Generate(users, films, ratings, clusters));
    }
}
