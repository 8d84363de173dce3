using System.Text;
using Recs.Engine.Persistence;

namespace Recs.Engine.Model;

/// <summary>
/// The versioned binary file of a <see cref="TrainedModel"/>: magic "RECSMODL", format version, header, every array
/// (length-prefixed, little-endian), then a CRC-32 of all preceding bytes. Reading verifies all of it, so a corrupt,
/// truncated or foreign file is rejected rather than served.
/// </summary>
public static class ModelSnapshot
{
    public const int FormatVersion = 7;
    private static ReadOnlySpan<byte> Magic => "RECSMODL"u8;

    /// <summary>Writes the model to <paramref name="path"/> through a temporary file and a rename, so readers never see half a file.</summary>
    public static void Save(TrainedModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        SnapshotFiles.WriteAtomically(path, stream => Write(model, stream));
    }

    /// <summary>The snapshot as bytes.</summary>
    public static byte[] ToBytes(TrainedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var buffer = new MemoryStream();
        Write(model, buffer);
        return buffer.ToArray();
    }

    /// <summary>Writes the whole snapshot, checksum included, to <paramref name="file"/>.</summary>
    public static void Write(TrainedModel model, Stream file)
    {
        ArgumentNullException.ThrowIfNull(model);
        var stream = new ChecksumStream(file);
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            var h = model.Header;
            w.Write(h.Version);
            w.Write(h.TrainedAt.ToUnixTimeMilliseconds());
            w.Write(h.CatalogueFingerprint);
            w.Write(h.UserCount);
            w.Write(h.FilmCount);
            w.Write(h.RatingCount);
            w.Write(h.TasteRank);
            w.Write(h.RankingRank);
            w.Write(h.ClusterCount);
            w.Write(h.GlobalMean);
            w.Write(h.Silhouette);
            w.Write(h.DataSequence);
            SnapshotArrays.Write<float>(w, model.SingularValues);
            SnapshotArrays.Write<float>(w, model.TasteVectors);
            SnapshotArrays.Write<float>(w, model.UserFactors);
            SnapshotArrays.Write<float>(w, model.Centroids);
            SnapshotArrays.Write<int>(w, model.Labels);
            SnapshotArrays.Write<float>(w, model.RankingVectors);
            SnapshotArrays.Write<float>(w, model.RankingScales);
            SnapshotArrays.Write<int>(w, model.NeighbourFilms);
            SnapshotArrays.Write<float>(w, model.NeighbourSimilarities);
            SnapshotArrays.Write<int>(w, model.ClusterFilmCounts);
            SnapshotArrays.Write<float>(w, model.ClusterFilmSums);
            SnapshotArrays.Write<int>(w, model.FilmCounts);
            SnapshotArrays.Write<float>(w, model.FilmMeans);
            WriteGroups(w, model.Groups);
        }
        SnapshotArrays.WriteChecksum(stream, file);
    }

    /// <summary>Reads a snapshot file; throws <see cref="InvalidDataException"/> when it is corrupt, truncated or of another format version.</summary>
    public static TrainedModel Load(string path)
    {
        using var file = SnapshotFiles.OpenRead(path);
        return Read(file);
    }

    /// <summary>Parses snapshot bytes; throws <see cref="InvalidDataException"/> when they are corrupt, truncated or of another format version.</summary>
    public static TrainedModel FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Read(new MemoryStream(bytes, writable: false));
    }

    /// <summary>Reads a whole snapshot from <paramref name="file"/>, verifying magic, format version and checksum.</summary>
    public static TrainedModel Read(Stream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var stream = new ChecksumStream(file);
        try
        {
            using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            SnapshotFiles.ReadPreamble(r, Magic, FormatVersion, "model snapshot");
            var header = new ModelHeader(
                r.ReadString(), DateTimeOffset.FromUnixTimeMilliseconds(r.ReadInt64()), r.ReadUInt64(),
                r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(),
                r.ReadSingle(), r.ReadDouble(), r.ReadInt64());
            var singular = SnapshotArrays.Read<float>(r, stream);
            var taste = SnapshotArrays.Read<float>(r, stream);
            var users = SnapshotArrays.Read<float>(r, stream);
            var centroids = SnapshotArrays.Read<float>(r, stream);
            var labels = SnapshotArrays.Read<int>(r, stream);
            var ranking = SnapshotArrays.Read<float>(r, stream);
            var scales = SnapshotArrays.Read<float>(r, stream);
            var neighbours = SnapshotArrays.Read<int>(r, stream);
            var weights = SnapshotArrays.Read<float>(r, stream);
            var clusterCounts = SnapshotArrays.Read<int>(r, stream);
            var clusterSums = SnapshotArrays.Read<float>(r, stream);
            var filmCounts = SnapshotArrays.Read<int>(r, stream);
            var filmMeans = SnapshotArrays.Read<float>(r, stream);
            var groups = ReadGroups(r, stream, header);
            // The checksum is verified before the arrays are trusted to agree with the header.
            SnapshotArrays.VerifyChecksum(stream, file);
            return new TrainedModel(header, singular, taste, users, centroids, labels, ranking, scales, neighbours, weights,
                clusterCounts, clusterSums, filmCounts, filmMeans, groups);
        }
        catch (Exception e) when (e is IOException or ArgumentException or OverflowException or FormatException)
        {
            throw new InvalidDataException($"snapshot is malformed: {e.Message}", e);
        }
    }

    // A flag, then the taste groups' stored arrays (Sizes, ClusterOf and the centroid norms are derived on load).
    private static void WriteGroups(BinaryWriter w, TasteGroups? groups)
    {
        w.Write(groups is not null);
        if (groups is null)
            return;
        SnapshotArrays.Write<int>(w, groups.GroupOffsets);
        SnapshotArrays.Write<float>(w, groups.Centroids);
        SnapshotArrays.Write<int>(w, groups.Labels);
        SnapshotArrays.Write<float>(w, groups.Silhouettes);
        SnapshotArrays.Write<float>(w, groups.GroupSilhouettes);
        SnapshotArrays.Write<int>(w, groups.HighTotals);
        SnapshotArrays.Write<int>(w, groups.FilmHighCounts);
        SnapshotArrays.Write<int>(w, groups.FilmOffsets);
        SnapshotArrays.Write<int>(w, groups.GroupFilms);
        SnapshotArrays.Write<int>(w, groups.FilmRaters);
        SnapshotArrays.Write<int>(w, groups.FilmHalfStarSums);
        SnapshotArrays.Write<int>(w, groups.FilmHighs);
    }

    private static TasteGroups? ReadGroups(BinaryReader r, ChecksumStream stream, ModelHeader header)
    {
        if (!r.ReadBoolean())
            return null;
        return new TasteGroups(header.TasteRank, header.FilmCount,
            SnapshotArrays.Read<int>(r, stream), SnapshotArrays.Read<float>(r, stream), SnapshotArrays.Read<int>(r, stream),
            SnapshotArrays.Read<float>(r, stream), SnapshotArrays.Read<float>(r, stream), SnapshotArrays.Read<int>(r, stream),
            SnapshotArrays.Read<int>(r, stream), SnapshotArrays.Read<int>(r, stream), SnapshotArrays.Read<int>(r, stream),
            SnapshotArrays.Read<int>(r, stream), SnapshotArrays.Read<int>(r, stream), SnapshotArrays.Read<int>(r, stream));
    }
}
