using System.Collections.Frozen;
using Recs.Engine.Catalog;
using Recs.Engine.Storage;
using Recs.Storage;

namespace Recs.Tests.Storage;

/// <summary>Ratings resolved to store ids ahead of a bulk write: known ids kept, new users numbered by first appearance.</summary>
public sealed class RatingIdResolverTests
{
    private static readonly FrozenDictionary<string, long> Films =
        new Dictionary<string, long> { ["heat"] = 7, ["alien"] = 9 }.ToFrozenDictionary(StringComparer.Ordinal);

    private static List<ResolvedRating> Resolve(Dictionary<string, long> users, params RatingRecord[] ratings) =>
        [.. new RatingIdResolver(Films, users).Resolve(ratings)];

    [Fact]
    public void New_users_get_negative_keys_in_order_of_first_appearance_and_their_name_once()
    {
        var users = new Dictionary<string, long>(StringComparer.Ordinal) { ["ann"] = 3 };
        var rows = Resolve(users,
            new RatingRecord("bo", "heat", 4f, null),
            new RatingRecord("ann", "heat", 2f, null),
            new RatingRecord("cy", "alien", 1f, null),
            new RatingRecord("Bo", "alien", 5f, null),
            new RatingRecord("cy", "heat", 3f, null));

        Assert.Equal([-1L, 3L, -2L, -1L, -2L], rows.Select(r => r.User));
        Assert.Equal(["bo", null, "cy", null, null], rows.Select(r => r.NewUser));
        Assert.Equal([7L, 7L, 9L, 9L, 7L], rows.Select(r => r.Film));
        Assert.Equal(-1L, users["bo"]);
        Assert.Equal(-2L, users["cy"]);
    }

    [Fact]
    public void Stars_are_snapped_to_the_half_star_and_dates_kept()
    {
        var day = new DateOnly(2024, 2, 29);
        var row = Assert.Single(Resolve(new Dictionary<string, long>(StringComparer.Ordinal), new RatingRecord("ann", "heat", 3.5000002f, day)));
        Assert.Equal(3.5f, row.Stars);
        Assert.Equal(day, row.RatedOn);
    }

    [Fact]
    public void An_unknown_film_or_an_invalid_rating_throws_when_reached()
    {
        var users = new Dictionary<string, long>(StringComparer.Ordinal);
        var unknown = Assert.Throws<UnknownFilmException>(() => Resolve(users, new RatingRecord("ann", "heat", 4f, null), new RatingRecord("ann", "ran", 4f, null)));
        Assert.Equal("ran", unknown.Slug);
        Assert.ThrowsAny<ArgumentException>(() => Resolve(users, new RatingRecord("ann", "heat", 4.2f, null)));
        Assert.ThrowsAny<ArgumentException>(() => Resolve(users, new RatingRecord("", "heat", 4f, null)));
    }
}
