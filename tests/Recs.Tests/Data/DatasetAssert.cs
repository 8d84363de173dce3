using Recs.Engine.Catalog;
using Recs.Engine.Data;

namespace Recs.Tests.Data;

/// <summary>Asserts two datasets are the same in every array, user, film, exclusion and the sequence, naming what differs.</summary>
internal static class DatasetAssert
{
    public static void Identical(RatingsDataset expected, RatingsDataset actual)
    {
        Assert.True(expected.Sequence == actual.Sequence, $"sequence {actual.Sequence}, expected {expected.Sequence}");
        Assert.Equal(expected.Films.Select(Describe), actual.Films.Select(Describe));
        Assert.Equal(expected.Users, actual.Users);
        Same(expected.UserOffsets, actual.UserOffsets, nameof(RatingsDataset.UserOffsets));
        Same(expected.UserFilms, actual.UserFilms, nameof(RatingsDataset.UserFilms));
        Same(expected.UserHalfStars, actual.UserHalfStars, nameof(RatingsDataset.UserHalfStars));
        Same(expected.FilmCounts, actual.FilmCounts, nameof(RatingsDataset.FilmCounts));
        Same(expected.UserMeans, actual.UserMeans, nameof(RatingsDataset.UserMeans));
        Same(expected.FilmMeans, actual.FilmMeans, nameof(RatingsDataset.FilmMeans));
        Assert.True(expected.GlobalMean == actual.GlobalMean, $"global mean {actual.GlobalMean}, expected {expected.GlobalMean}");
        Assert.Equal(expected.Excluded.Keys.Order(StringComparer.Ordinal), actual.Excluded.Keys.Order(StringComparer.Ordinal));
        foreach (var (user, films) in expected.Excluded)
            Assert.True(films.Order().SequenceEqual(actual.Excluded[user].Order()),
                $"exclusions of {user}: [{string.Join(',', actual.Excluded[user].Order())}], expected [{string.Join(',', films.Order())}]");
    }

    public static string Describe(Film f) =>
        $"{f.Slug}|{f.Title}|{f.Year}|{string.Join(',', f.Genres)}|{f.ContentType}|{f.Popularity}|{f.LetterboxdUri}";

    private static void Same<T>(T[] expected, T[] actual, string name) where T : IEquatable<T>
    {
        Assert.True(expected.Length == actual.Length, $"{name} has {actual.Length} entries, expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
            Assert.True(expected[i].Equals(actual[i]), $"{name}[{i}] is {actual[i]}, expected {expected[i]}");
    }
}
