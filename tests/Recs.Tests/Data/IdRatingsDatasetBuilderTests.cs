using Recs.Engine.Catalog;
using Recs.Engine.Data;

namespace Recs.Tests.Data;

public sealed class IdRatingsDatasetBuilderTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void Rows_by_id_in_any_order_build_exactly_what_the_same_records_build(int seed, bool sparseIds)
    {
        var random = new Random(seed);
        var films = DatasetMergeTests.Films(60);
        string[] users = [.. Enumerable.Range(0, 45).Select(u => $"user-{u}").Order(StringComparer.Ordinal)];
        // Dense ids are a shuffled 1..n, as a table written out of order has; sparse ones force the dictionary look-up.
        long[] filmIds = Ids(random, films.Length, sparseIds);
        long[] userIds = Ids(random, users.Length, sparseIds);

        var pairs = new HashSet<(int User, int Film)>();
        // Every third user rates nothing: they must get no row, as in a build from records.
        for (int i = 0; i < 900; i++)
        {
            int user = random.Next(users.Length);
            if (user % 3 != 0)
                pairs.Add((user, random.Next(films.Length)));
        }
        var ratings = pairs.Select(p => (p.User, p.Film, Stars: (1 + random.Next(10)) / 2f)).OrderBy(_ => random.Next()).ToList();
        (int User, int Film)[] exclusions = [(3, 5), (3, 9), (4, 5), (7, 0)];

        var byId = new IdRatingsDatasetBuilder { Sequence = 31 };
        foreach (var (film, i) in films.Select((f, i) => (f, i)))
            byId.AddFilm(filmIds[i], film);
        for (int u = 0; u < users.Length; u++)
            byId.AddUser(userIds[u], users[u]);
        foreach (var (user, film, stars) in ratings)
            byId.AddRating(userIds[user], filmIds[film], stars);
        foreach (var (user, film) in exclusions)
            byId.AddExclusion(userIds[user], filmIds[film]);

        // Records as the stores stream them: ordered by username then slug.
        var records = ratings.Select(r => new RatingRecord(users[r.User], films[r.Film].Slug, r.Stars, null))
            .OrderBy(r => r.Username, StringComparer.Ordinal).ThenBy(r => r.FilmSlug, StringComparer.Ordinal);
        var excluded = exclusions.GroupBy(e => users[e.User]).ToDictionary(g => g.Key, g => g.Select(e => films[e.Film].Slug).ToArray());
        var expected = DatasetMergeTests.Build(films, records, excluded, sequence: 31);

        DatasetAssert.Identical(expected, byId.Build());
        Assert.Equal(0, byId.SkippedRows);
    }

    [Fact]
    public void Rows_naming_an_unknown_id_are_skipped_and_counted()
    {
        var builder = Started();
        builder.AddRating(10, 999, 4f);
        builder.AddRating(999, 1, 4f);
        builder.AddExclusion(-5, 1);
        builder.AddRating(10, 1, 2.5f);
        var data = builder.Build();
        Assert.Equal(3, builder.SkippedRows);
        Assert.Equal(["ann"], data.Users);
        Assert.Equal([0], data.UserFilms);
        Assert.Equal([(byte)5], data.UserHalfStars);
        Assert.Empty(data.Excluded);
    }

    [Fact]
    public void A_pair_rated_twice_is_refused()
    {
        var builder = Started();
        builder.AddRating(10, 2, 4f);
        builder.AddRating(10, 1, 4f);
        builder.AddRating(10, 2, 3f);
        var e = Assert.Throws<ArgumentException>(builder.Build);
        Assert.Contains("ann", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(3.3f)]
    [InlineData(5.5f)]
    [InlineData(float.NaN)]
    public void Invalid_stars_are_refused(float stars)
    {
        var builder = Started();
        Assert.Throws<ArgumentException>(() => builder.AddRating(10, 1, stars));
    }

    [Fact]
    public void Films_and_users_come_before_any_row()
    {
        var builder = Started();
        builder.AddExclusion(10, 1);
        Assert.Throws<InvalidOperationException>(() => builder.AddFilm(3, new Film("c", "C", null, [], "movie", null, null)));
        Assert.Throws<InvalidOperationException>(() => builder.AddUser(11, "bob"));
    }

    [Theory]
    [InlineData(1L, 1L)]
    [InlineData(1L << 40, 1L << 40)]
    public void An_id_given_twice_is_refused(long first, long second)
    {
        var builder = new IdRatingsDatasetBuilder();
        builder.AddFilm(first, new Film("a", "A", null, [], "movie", null, null));
        builder.AddFilm(second, new Film("b", "B", null, [], "movie", null, null));
        builder.AddUser(10, "ann");
        Assert.Throws<ArgumentException>(() => builder.AddRating(10, first, 4f));
    }

    // Films "a" (id 1) and "b" (id 2), user "ann" (id 10).
    private static IdRatingsDatasetBuilder Started()
    {
        var builder = new IdRatingsDatasetBuilder();
        builder.AddFilm(1, new Film("a", "A", null, [], "movie", null, null));
        builder.AddFilm(2, new Film("b", "B", null, [], "movie", null, null));
        builder.AddUser(10, "ann");
        return builder;
    }

    private static long[] Ids(Random random, int count, bool sparse) =>
        sparse
            ? [.. Enumerable.Range(0, count).Select(i => (1L << 40) + i * 7_919L + random.Next(7_000)).OrderBy(_ => random.Next())]
            : [.. Enumerable.Range(1, count).Select(i => (long)i).OrderBy(_ => random.Next())];
}
