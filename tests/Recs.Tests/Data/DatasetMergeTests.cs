using Recs.Engine.Catalog;
using Recs.Engine.Data;
using Recs.Engine.Storage;

namespace Recs.Tests.Data;

public sealed class DatasetMergeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Applying_changes_gives_exactly_what_a_full_read_of_the_changed_store_gives(int seed)
    {
        var random = new Random(seed);
        var films = Films(40);
        var before = RandomRatings(random, films, users: 30, count: 400);
        var excludedBefore = new Dictionary<string, string[]> { ["u1"] = ["f3", "f7"], ["u2"] = ["f1"] };

        // Changes: re-ratings of old pairs, new pairs for old users, a new user, a new film, an updated film title,
        // an emptied and a replaced exclusion set.
        var newFilm = new Film("f-new", "New", 2026, ["Drama"], "movie", null, null);
        var renamed = films[5] with { Title = "Renamed" };
        var changed = new List<RatingRecord>();
        foreach (var r in before.Where((_, i) => i % 7 == 0))
            changed.Add(r with { Stars = r.Stars == 5f ? 0.5f : r.Stars + 0.5f });
        for (int i = 0; i < 40; i++)
            changed.Add(new RatingRecord($"u{random.Next(30)}", films[random.Next(films.Length)].Slug, (1 + random.Next(10)) / 2f, null));
        changed.Add(new RatingRecord("newcomer", "f-new", 4.5f, null));
        changed.Add(new RatingRecord("newcomer", "f2", 3f, null));
        var exclusionSets = new List<ExclusionSet> { new("u1", []), new("u2", ["f4", "f-new"]), new("newcomer", ["f9"]) };

        var base_ = Build(films, before, excludedBefore, sequence: 10);
        var merged = Merge(base_, 25, [renamed, newFilm], changed, exclusionSets);

        var allFilms = films.Select(f => f.Slug == renamed.Slug ? renamed : f).Append(newFilm).ToArray();
        var excludedAfter = new Dictionary<string, string[]> { ["u2"] = ["f4", "f-new"], ["newcomer"] = ["f9"] };
        var reference = Build(allFilms, [.. before, .. changed], excludedAfter, sequence: 25);

        Assert.Equal(25, merged.Sequence);
        Assert.Equal(reference.Films, merged.Films);
        Assert.Equal(reference.Users, merged.Users);
        Assert.Equal(reference.UserOffsets, merged.UserOffsets);
        Assert.Equal(reference.UserFilms, merged.UserFilms);
        Assert.Equal(reference.UserHalfStars, merged.UserHalfStars);
        Assert.Equal(reference.FilmCounts, merged.FilmCounts);
        Assert.Equal(reference.UserMeans, merged.UserMeans);
        Assert.Equal(reference.FilmMeans, merged.FilmMeans);
        Assert.Equal(reference.GlobalMean, merged.GlobalMean);
        Assert.Equal(reference.Excluded.Keys.Order(), merged.Excluded.Keys.Order());
        foreach (var (user, set) in reference.Excluded)
            Assert.True(set.SetEquals(merged.Excluded[user]), $"exclusions of {user} differ");
        // The input is left as it was.
        Assert.Equal(10, base_.Sequence);
        Assert.Equal(films.Length, base_.FilmCount);
    }

    [Fact]
    public void A_rating_of_a_film_nobody_knows_is_refused_and_nothing_changes()
    {
        var films = Films(5);
        var data = Build(films, [new("a", "f1", 4f, null)], [], sequence: 1);
        var e = Assert.Throws<ArgumentException>(() =>
            Merge(data, 2, [], [new("a", "missing", 4f, null)], []));
        Assert.Contains("missing", e.Message);
        Assert.Throws<ArgumentException>(() => Merge(data, 2, [], [new("a", "f2", 0.3f, null)], []));
        Assert.Equal(1, data.RatingCount);
    }

    [Fact]
    public void No_changes_give_the_same_rows_at_the_new_sequence()
    {
        var films = Films(10);
        var data = Build(films, RandomRatings(new Random(9), films, 8, 30), [], sequence: 3);
        var same = Merge(data, 4, [], [], []);
        Assert.Equal(4, same.Sequence);
        Assert.Equal(data.UserFilms, same.UserFilms);
        Assert.Equal(data.UserHalfStars, same.UserHalfStars);
        Assert.Equal(data.Users, same.Users);
    }

    [Fact]
    public void Changed_ratings_are_held_in_sixteen_bytes_each_outside_the_collected_heap()
    {
        var films = Films(200);
        var data = Build(films, RandomRatings(new Random(4), films, 50, 2_000), [], sequence: 1);
        // Strings made up front, as a store reader makes them per row: what is measured is what the changes keep.
        var rows = RandomRatings(new Random(5), films, 3_000, 100_000);
        using var changes = new ChangedRatings(data, rows.Count);

        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var row in rows)
            changes.Add(row);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Only the names and index of the 2,950 new people: the entries (1.6 MB on the heap) are on the changes' own pages.
        Assert.True(allocated < 400_000, $"collecting {rows.Count} changed ratings allocated {allocated} bytes");
        var merged = DatasetMerge.Apply(data, 2, [], changes, []);
        Assert.Equal(Build(films, [.. RandomRatings(new Random(4), films, 50, 2_000), .. rows], [], 2).UserFilms, merged.UserFilms);
        // Without the count up front the entries grow as they arrive, to the same merge.
        Assert.Equal(merged.UserFilms, Merge(data, 2, [], rows, []).UserFilms);
        Assert.Equal(merged.UserHalfStars, Merge(data, 2, [], rows, []).UserHalfStars);
    }

    [Fact]
    public void A_rating_may_arrive_before_the_new_film_it_names_and_the_last_of_a_pair_wins()
    {
        var films = Films(5);
        var data = Build(films, [new("a", "f1", 4f, null)], [], sequence: 1);
        using var changes = new ChangedRatings(data);
        changes.Add(new RatingRecord("b", "brand-new", 2f, null));
        changes.Add(new RatingRecord("a", "f1", 1f, null));
        changes.Add(new RatingRecord("b", "brand-new", 3.5f, null));
        var newFilm = new Film("brand-new", "Brand New", 2026, [], "movie", null, null);

        var merged = DatasetMerge.Apply(data, 2, [newFilm], changes, []);

        int b = merged.UserIndex["b"], a = merged.UserIndex["a"];
        Assert.Equal([merged.FilmIndex["brand-new"]], merged.FilmsOf(b).ToArray());
        Assert.Equal([StarRating.ToUnits(3.5f)], merged.HalfStarsOf(b).ToArray());
        Assert.Equal([StarRating.ToUnits(1f)], merged.HalfStarsOf(a).ToArray());
        Assert.Equal(5, merged.FilmIndex["brand-new"]);
        Assert.Throws<InvalidOperationException>(() => changes.Add(new RatingRecord("a", "f2", 4f, null)));
    }

    // A store read in the order DataFeed makes it: the changed ratings collected one by one, then merged with the films.
    private static RatingsDataset Merge(
        RatingsDataset data, long sequence, Film[] films, IEnumerable<RatingRecord> ratings, IReadOnlyList<ExclusionSet> exclusionSets)
    {
        using var changed = new ChangedRatings(data);
        foreach (var rating in ratings)
            changed.Add(rating);
        return DatasetMerge.Apply(data, sequence, films, changed, exclusionSets);
    }

    internal static Film[] Films(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Film($"f{i}", $"Film {i}", 1990 + i % 30, i % 2 == 0 ? ["Drama"] : ["Comedy", "Crime"], "movie", i * 1.5f, null))];

    internal static List<RatingRecord> RandomRatings(Random random, Film[] films, int users, int count)
    {
        var ratings = new List<RatingRecord>();
        for (int i = 0; i < count; i++)
            ratings.Add(new RatingRecord($"u{random.Next(users)}", films[random.Next(films.Length)].Slug, (1 + random.Next(10)) / 2f, null));
        return ratings;
    }

    internal static RatingsDataset Build(Film[] films, IEnumerable<RatingRecord> ratings, Dictionary<string, string[]> excluded, long sequence)
    {
        var builder = new RatingsDatasetBuilder { Sequence = sequence };
        foreach (var film in films)
            builder.AddFilm(film);
        foreach (var rating in ratings)
            builder.AddRating(rating);
        foreach (var (user, slugs) in excluded)
        {
            foreach (string slug in slugs)
                builder.AddExclusion(user, slug);
        }
        return builder.Build();
    }
}
