using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Recs.Engine.Persistence;

/// <summary>Length-prefixed little-endian arrays in snapshot files, with the length checked against the file before anything is allocated.</summary>
internal static class SnapshotArrays
{
    public static void Write<T>(BinaryWriter w, ReadOnlySpan<T> values) where T : unmanaged
    {
        w.Write(values.Length);
        w.Write(MemoryMarshal.AsBytes(values));
    }

    public static T[] Read<T>(BinaryReader r, ChecksumStream source) where T : unmanaged
    {
        int length = r.ReadInt32();
        long bytes = (long)length * Unsafe.SizeOf<T>();
        if (length < 0 || bytes > source.Remaining)
            throw new InvalidDataException($"snapshot array length {length} exceeds the file");
        var values = new T[length];
        r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    /// <summary>A count of variable-size records, checked against the bytes left (each record takes at least one byte).</summary>
    public static int ReadCount(BinaryReader r, ChecksumStream source)
    {
        int count = r.ReadInt32();
        if (count < 0 || count > source.Remaining)
            throw new InvalidDataException($"snapshot record count {count} exceeds the file");
        return count;
    }

    /// <summary>Ends a file: the CRC-32 of everything before it, itself not checksummed.</summary>
    public static void WriteChecksum(ChecksumStream stream, Stream file)
    {
        stream.Flush();
        Span<byte> crc = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(crc, stream.Checksum);
        file.Write(crc);
    }

    /// <summary>Checks the trailing CRC-32 and that nothing follows it; throws <see cref="InvalidDataException"/> otherwise.</summary>
    public static void VerifyChecksum(ChecksumStream stream, Stream file)
    {
        uint computed = stream.Checksum;
        Span<byte> crc = stackalloc byte[4];
        if (file.ReadAtLeast(crc, 4, throwOnEndOfStream: false) < 4)
            throw new InvalidDataException("snapshot is truncated (no checksum)");
        if (System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(crc) != computed)
            throw new InvalidDataException("snapshot checksum mismatch (corrupt or truncated)");
        if (file.ReadByte() != -1)
            throw new InvalidDataException("snapshot has trailing bytes");
    }
}
