using Recs.Engine.Model;

namespace Recs.Tests.Engine;

public sealed class ModelSnapshotTests
{
    [Fact]
    public void A_snapshot_ends_with_the_ieee_crc32_of_everything_before_it()
    {
        var bytes = ModelSnapshot.ToBytes(SyntheticModel.Model);
        Assert.Equal(BitwiseCrc32(bytes.AsSpan(0, bytes.Length - 4)), BitConverter.ToUInt32(bytes, bytes.Length - 4));
        Assert.Equal(0xCBF43926u, BitwiseCrc32("123456789"u8));
    }

    // The textbook bit-at-a-time CRC-32 (reflected polynomial 0xEDB88320), independent of the library the files use.
    private static uint BitwiseCrc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    [Fact]
    public void Round_trip_preserves_every_array_and_the_header()
    {
        var model = SyntheticModel.Model;
        string path = Path.Combine(Path.GetTempPath(), $"recs-snapshot-{Guid.NewGuid():N}.bin");
        try
        {
            ModelSnapshot.Save(model, path);
            var read = ModelSnapshot.Load(path);
            Assert.Equal(model.Header, read.Header);
            Assert.Equal(model.SingularValues, read.SingularValues);
            Assert.Equal(model.TasteVectors, read.TasteVectors);
            Assert.Equal(model.UserFactors, read.UserFactors);
            Assert.Equal(model.Centroids, read.Centroids);
            Assert.Equal(model.Labels, read.Labels);
            Assert.Equal(model.RankingVectors, read.RankingVectors);
            Assert.Equal(model.RankingScales, read.RankingScales);
            Assert.Equal(model.NeighbourFilms, read.NeighbourFilms);
            Assert.Equal(model.NeighbourSimilarities, read.NeighbourSimilarities);
            Assert.Equal(model.ClusterFilmCounts, read.ClusterFilmCounts);
            Assert.Equal(model.ClusterFilmSums, read.ClusterFilmSums);
            Assert.Equal(model.FilmCounts, read.FilmCounts);
            Assert.Equal(model.FilmMeans, read.FilmMeans);
            var groups = model.Groups!;
            var readGroups = read.Groups!;
            Assert.True(groups.GroupCount > model.ClusterCount, "the synthetic model should have groups inside its clusters");
            Assert.Equal(groups.GroupOffsets, readGroups.GroupOffsets);
            Assert.Equal(groups.Centroids, readGroups.Centroids);
            Assert.Equal(groups.Labels, readGroups.Labels);
            Assert.Equal(groups.Silhouettes, readGroups.Silhouettes);
            Assert.Equal(groups.GroupSilhouettes, readGroups.GroupSilhouettes);
            Assert.Contains(groups.GroupSilhouettes, s => !float.IsNaN(s));
            Assert.Equal(groups.HighTotals, readGroups.HighTotals);
            Assert.Equal(groups.FilmHighCounts, readGroups.FilmHighCounts);
            Assert.Equal(groups.FilmOffsets, readGroups.FilmOffsets);
            Assert.Equal(groups.GroupFilms, readGroups.GroupFilms);
            Assert.Equal(groups.FilmRaters, readGroups.FilmRaters);
            Assert.Equal(groups.FilmHalfStarSums, readGroups.FilmHalfStarSums);
            Assert.Equal(groups.FilmHighs, readGroups.FilmHighs);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_failed_save_leaves_the_old_snapshot_and_no_temporary_file()
    {
        string folder = Directory.CreateTempSubdirectory("recs-snapshot-").FullName;
        try
        {
            // A directory where the snapshot should go makes the final rename fail after the bytes were written.
            string path = Path.Combine(folder, "model.snapshot");
            Directory.CreateDirectory(path);
            Assert.ThrowsAny<IOException>(() => ModelSnapshot.Save(SyntheticModel.Model, path));
            Assert.Equal([path], Directory.EnumerateFileSystemEntries(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_header_records_the_data_sequence_it_was_trained_at()
    {
        var model = SyntheticModel.Model;
        var stamped = new TrainedModel(model.Header with { DataSequence = 123_456_789_012 }, model.SingularValues, model.TasteVectors,
            model.UserFactors, model.Centroids, model.Labels, model.RankingVectors, model.RankingScales, model.NeighbourFilms,
            model.NeighbourSimilarities, model.ClusterFilmCounts, model.ClusterFilmSums, model.FilmCounts, model.FilmMeans);
        Assert.Equal(123_456_789_012, ModelSnapshot.FromBytes(ModelSnapshot.ToBytes(stamped)).Header.DataSequence);
    }

    [Fact]
    public void A_flipped_byte_anywhere_is_rejected()
    {
        var bytes = ModelSnapshot.ToBytes(SyntheticModel.Model);
        foreach (int at in new[] { 0, 9, 20, bytes.Length / 2, bytes.Length - 5, bytes.Length - 1 })
        {
            var copy = (byte[])bytes.Clone();
            copy[at] ^= 0x10;
            Assert.Throws<InvalidDataException>(() => ModelSnapshot.FromBytes(copy));
        }
    }

    [Fact]
    public void Truncated_empty_and_other_version_snapshots_are_rejected()
    {
        var bytes = ModelSnapshot.ToBytes(SyntheticModel.Model);
        Assert.Throws<InvalidDataException>(() => ModelSnapshot.FromBytes(bytes[..(bytes.Length - 100)]));
        Assert.Throws<InvalidDataException>(() => ModelSnapshot.FromBytes(bytes[..10]));
        Assert.Throws<InvalidDataException>(() => ModelSnapshot.FromBytes([]));
        var other = (byte[])bytes.Clone();
        BitConverter.GetBytes(ModelSnapshot.FormatVersion + 1).CopyTo(other, 8);
        var e = Assert.Throws<InvalidDataException>(() => ModelSnapshot.FromBytes(other));
        Assert.Contains("version", e.Message);
    }
}
