using System.IO.Hashing;
using Recs.Engine.Catalog;
using Recs.Engine.Data;

namespace Recs.Tests.Data;

public sealed class DatasetSnapshotTests
{
    [Fact]
    public void Round_trip_preserves_catalogue_rows_exclusions_sequence_and_store()
    {
        var films = DatasetMergeTests.Films(30).Append(new Film("tv", "A Show", null, [], "tv", null, "https://letterboxd.com/film/tv/")).ToArray();
        var data = DatasetMergeTests.Build(films, DatasetMergeTests.RandomRatings(new Random(5), films, 20, 300),
            new() { ["u3"] = ["f1", "tv"], ["someone-unrated"] = ["f2"] }, sequence: 77);
        using var buffer = new MemoryStream();
        DatasetSnapshot.Write(data, "store-a", buffer);
        buffer.Position = 0;
        var (store, read) = DatasetSnapshot.Read(buffer);

        Assert.Equal("store-a", store);
        Assert.Equal(77, read.Sequence);
        Assert.Equal(data.Films.Length, read.Films.Length);
        for (int f = 0; f < films.Length; f++)
        {
            var (a, b) = (data.Films[f], read.Films[f]);
            Assert.Equal((a.Slug, a.Title, a.Year, a.ContentType, a.Popularity, a.LetterboxdUri), (b.Slug, b.Title, b.Year, b.ContentType, b.Popularity, b.LetterboxdUri));
            Assert.Equal(a.Genres, b.Genres);
        }
        Assert.Equal(data.Users, read.Users);
        Assert.Equal(data.UserOffsets, read.UserOffsets);
        Assert.Equal(data.UserFilms, read.UserFilms);
        Assert.Equal(data.UserHalfStars, read.UserHalfStars);
        Assert.Equal(data.FilmCounts, read.FilmCounts);
        Assert.Equal(data.FilmMeans, read.FilmMeans);
        Assert.Equal(data.Excluded.Keys.Order(), read.Excluded.Keys.Order());
        foreach (var (user, set) in data.Excluded)
            Assert.True(set.SetEquals(read.Excluded[user]));
    }

    [Fact]
    public void A_flipped_byte_a_cut_or_another_version_is_rejected()
    {
        var bytes = Bytes(SmallData());
        foreach (int at in new[] { 0, 9, 14, bytes.Length / 3, bytes.Length / 2, bytes.Length - 5, bytes.Length - 1 })
        {
            var copy = (byte[])bytes.Clone();
            copy[at] ^= 0x10;
            Assert.Throws<InvalidDataException>(() => Read(copy));
        }
        Assert.Throws<InvalidDataException>(() => Read(bytes[..^1]));
        Assert.Throws<InvalidDataException>(() => Read(bytes[..12]));
        Assert.Throws<InvalidDataException>(() => Read([]));
        Assert.Throws<InvalidDataException>(() => Read([.. bytes, 0]));
        var other = (byte[])bytes.Clone();
        BitConverter.GetBytes(DatasetSnapshot.FormatVersion + 1).CopyTo(other, 8);
        Assert.Contains("version", Assert.Throws<InvalidDataException>(() => Read(other)).Message);
    }

    [Fact]
    public void A_film_index_out_of_range_is_rejected_even_with_a_valid_checksum()
    {
        // One user who rated film 7 of 10: the row is the array [7], written as its length 1 then 7.
        var films = DatasetMergeTests.Films(10);
        var bytes = Bytes(DatasetMergeTests.Build(films, [new("only", "f7", 4f, null)], [], sequence: 1));
        byte[] row = [1, 0, 0, 0, 7, 0, 0, 0, 1, 0, 0, 0];
        int at = bytes.AsSpan().IndexOf(row);
        Assert.True(at > 0, "the row was not found where the format puts it");
        bytes[at + 4] = 70;
        BitConverter.GetBytes(Crc32.HashToUInt32(bytes.AsSpan(0, bytes.Length - 4))).CopyTo(bytes, bytes.Length - 4);
        Assert.Contains("film index", Assert.Throws<InvalidDataException>(() => Read(bytes)).Message);
    }

    [Fact]
    public void Save_replaces_the_file_whole_and_load_reads_it_back()
    {
        string folder = Directory.CreateTempSubdirectory("recs-data-").FullName;
        try
        {
            string path = Path.Combine(folder, "data.snapshot");
            DatasetSnapshot.Save(SmallData(), "s", path);
            var bigger = DatasetMergeTests.Build(DatasetMergeTests.Films(10), DatasetMergeTests.RandomRatings(new Random(2), DatasetMergeTests.Films(10), 9, 50), [], 9);
            DatasetSnapshot.Save(bigger, "s", path);
            var (_, read) = DatasetSnapshot.Load(path);
            Assert.Equal(9, read.Sequence);
            Assert.Equal(bigger.UserFilms, read.UserFilms);
            Assert.Equal([path], Directory.EnumerateFileSystemEntries(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static RatingsDataset SmallData()
    {
        var films = DatasetMergeTests.Films(12);
        return DatasetMergeTests.Build(films, DatasetMergeTests.RandomRatings(new Random(3), films, 6, 40), new() { ["u1"] = ["f4"] }, 5);
    }

    private static byte[] Bytes(RatingsDataset data)
    {
        using var buffer = new MemoryStream();
        DatasetSnapshot.Write(data, "store", buffer);
        return buffer.ToArray();
    }

    private static RatingsDataset Read(byte[] bytes) => DatasetSnapshot.Read(new MemoryStream(bytes)).Data;
}
