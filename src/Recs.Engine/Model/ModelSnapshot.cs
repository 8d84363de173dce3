using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Recs.Engine.Model;

/// <summary>
/// The versioned binary file of a <see cref="TrainedModel"/>: magic "RECSMODL", format version, header, every array
/// (length-prefixed, little-endian), then a CRC-32 of all preceding bytes. Reading verifies all of it, so a corrupt,
/// truncated or foreign file is rejected rather than served.
/// </summary>
public static class ModelSnapshot
{
    public const int FormatVersion = 5;
    private static ReadOnlySpan<byte> Magic => "RECSMODL"u8;

    /// <summary>Writes the model to <paramref name="path"/> through a temporary file and a rename, so readers never see half a file.</summary>
    public static void Save(TrainedModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(temporary, ToBytes(model));
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            // A full disk or a failed rename must not leave one stray file behind per training.
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>The snapshot as bytes.</summary>
    public static byte[] ToBytes(TrainedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
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
            Write(w, model.SingularValues);
            Write(w, model.TasteVectors);
            Write(w, model.UserFactors);
            Write(w, model.Centroids);
            Write(w, model.Labels);
            Write(w, model.RankingVectors);
            Write(w, model.RankingScales);
            Write(w, model.NeighbourFilms);
            Write(w, model.NeighbourSimilarities);
            Write(w, model.ClusterFilmCounts);
            Write(w, model.ClusterFilmSums);
            Write(w, model.FilmCounts);
            Write(w, model.FilmMeans);
        }
        uint crc = Crc32.Compute(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        buffer.Write(BitConverter.GetBytes(crc));
        return buffer.ToArray();
    }

    /// <summary>Reads a snapshot file; throws <see cref="InvalidDataException"/> when it is corrupt, truncated or of another format version.</summary>
    public static TrainedModel Load(string path) => FromBytes(File.ReadAllBytes(path));

    /// <summary>Parses snapshot bytes; throws <see cref="InvalidDataException"/> when they are corrupt, truncated or of another format version.</summary>
    public static TrainedModel FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < Magic.Length + 8 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException("not a model snapshot (bad magic)");
        int version = BitConverter.ToInt32(bytes, Magic.Length);
        if (version != FormatVersion)
            throw new InvalidDataException($"snapshot format version {version}, this build reads {FormatVersion}");
        int body = bytes.Length - 4;
        if (Crc32.Compute(bytes.AsSpan(0, body)) != BitConverter.ToUInt32(bytes, body))
            throw new InvalidDataException("snapshot checksum mismatch (corrupt or truncated)");
        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes, Magic.Length + 4, body - Magic.Length - 4), Encoding.UTF8);
            var header = new ModelHeader(
                r.ReadString(), DateTimeOffset.FromUnixTimeMilliseconds(r.ReadInt64()), r.ReadUInt64(),
                r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(),
                r.ReadSingle(), r.ReadDouble(), r.ReadInt64());
            var model = new TrainedModel(header, ReadFloats(r), ReadFloats(r), ReadFloats(r), ReadFloats(r), ReadInts(r),
                ReadFloats(r), ReadFloats(r), ReadInts(r), ReadFloats(r), ReadInts(r), ReadFloats(r), ReadInts(r), ReadFloats(r));
            if (r.BaseStream.Position != r.BaseStream.Length)
                throw new InvalidDataException("snapshot has trailing bytes");
            return model;
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or OverflowException)
        {
            throw new InvalidDataException($"snapshot is malformed: {e.Message}", e);
        }
    }

    private static void Write<T>(BinaryWriter w, T[] values) where T : unmanaged
    {
        w.Write(values.Length);
        w.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static float[] ReadFloats(BinaryReader r) => Read<float>(r);

    private static int[] ReadInts(BinaryReader r) => Read<int>(r);

    private static T[] Read<T>(BinaryReader r) where T : unmanaged
    {
        int length = r.ReadInt32();
        long bytes = (long)length * Unsafe.SizeOf<T>();
        if (length < 0 || bytes > r.BaseStream.Length - r.BaseStream.Position)
            throw new InvalidDataException($"snapshot array length {length} exceeds the file");
        var values = new T[length];
        r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }
}
