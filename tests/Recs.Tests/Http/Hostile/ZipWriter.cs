using System.IO.Compression;

namespace Recs.Tests.Http.Hostile;

/// <summary>Writes zip archives in memory with fixed timestamps, so a seed always gives the same bytes.</summary>
internal static class ZipWriter
{
    private static readonly DateTimeOffset Stamp = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A zip of <paramref name="entries"/> (a name ending in '/' with no bytes is a folder entry).</summary>
    public static byte[] Write(IEnumerable<(string Name, byte[] Bytes)> entries, CompressionLevel level)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                var entry = zip.CreateEntry(name, level);
                entry.LastWriteTime = Stamp;
                using var stream = entry.Open();
                stream.Write(bytes);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>A zip holding one entry of <paramref name="length"/> copies of <paramref name="fill"/>, written without holding it in memory.</summary>
    public static byte[] Filled(string name, byte[] head, byte fill, long length, params (string Name, byte[] Bytes)[] others)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (otherName, bytes) in others)
            {
                var other = zip.CreateEntry(otherName, CompressionLevel.Fastest);
                other.LastWriteTime = Stamp;
                using var otherStream = other.Open();
                otherStream.Write(bytes);
            }
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = Stamp;
            using var stream = entry.Open();
            stream.Write(head);
            var chunk = new byte[1 << 20];
            Array.Fill(chunk, fill);
            for (long written = 0; written < length; written += chunk.Length)
                stream.Write(chunk, 0, (int)System.Math.Min(chunk.Length, length - written));
        }
        return buffer.ToArray();
    }
}
