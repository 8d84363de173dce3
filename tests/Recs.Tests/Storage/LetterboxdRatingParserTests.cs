using System.Collections.Frozen;
using Recs.Engine.Catalog;
using Recs.Storage.Import;

namespace Recs.Tests.Storage;

/// <summary>Ratings rows become ratings sharing one string per film and user, or messages saying what is wrong.</summary>
public sealed class LetterboxdRatingParserTests
{
    private static (List<RatingRecord> Ratings, List<string> Errors, HashSet<string> Users) Parse(string text)
    {
        using var csv = new CsvReader(new StringReader(text));
        var cols = CsvColumns.ReadHeader(csv, "ratings.csv", LetterboxdDatasetLayout.RatingColumns);
        var users = new HashSet<string>(StringComparer.Ordinal);
        var parser = new LetterboxdRatingParser(cols, new[] { "heat", "alien" }.ToFrozenSet(StringComparer.Ordinal), users);
        var ratings = new List<RatingRecord>();
        var errors = new List<string>();
        while (csv.NextRecord(cols, out string? error))
        {
            RatingRecord rating = default;
            error ??= parser.TryParse(csv, out rating);
            if (error is not null)
                errors.Add($"line {csv.LineNumber}: {error}");
            else
                ratings.Add(rating);
        }
        return (ratings, errors, users);
    }

    [Fact]
    public void Rows_become_ratings_with_lower_cased_users_and_half_stars()
    {
        var (ratings, errors, users) = Parse("user_id,movie_id,rating_val\nAnn,heat,9\nann, alien ,1\nbo,heat,10\nAnn,alien,4\n");
        Assert.Empty(errors);
        Assert.Equal(
            [new("ann", "heat", 4.5f, null), new("ann", "alien", 0.5f, null), new("bo", "heat", 5f, null), new("ann", "alien", 2f, null)],
            ratings);
        Assert.Equal(["ann", "bo"], users.Order());
        Assert.True(ReferenceEquals(ratings[0].FilmSlug, ratings[2].FilmSlug), "two ratings of one film should share its slug string");
        Assert.True(ReferenceEquals(ratings[0].Username, ratings[3].Username), "a user's ratings should share one name string");
    }

    [Fact]
    public void Bad_rows_are_reported_with_their_line_and_the_offending_value()
    {
        var (ratings, errors, users) = Parse("user_id,movie_id,rating_val\nann,heat,9\nno one,heat,5\nann,missing,5\nann,alien,11\nann,alien\nbo,heat,x\n");
        Assert.Single(ratings);
        Assert.Equal(
            [
                "line 3: user_id 'no one': username may contain only ASCII letters, digits, '_' and '-'",
                "line 4: unknown film 'missing' (not in movies.csv)",
                "line 5: rating_val '11' is not 1–10",
                "line 6: expected at least 3 fields, found 2",
                "line 7: rating_val 'x' is not 1–10",
            ],
            errors);
        Assert.Equal(["ann"], users);
    }
}
