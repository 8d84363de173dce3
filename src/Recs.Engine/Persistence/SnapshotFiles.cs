namespace Recs.Engine.Persistence;

/// <summary>How snapshot files are opened, replaced and recognised: shared by the model and the data snapshots.</summary>
public static class SnapshotFiles
{
    private const int BufferBytes = 1 << 20;

    /// <summary>
    /// Writes through a temporary file beside <paramref name="path"/> and renames it over the target, so readers never
    /// see half a file; the temporary file is removed when anything fails (a full disk must not leave one per save).
    /// </summary>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = TemporaryNameFor(full);
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferBytes))
                write(file);
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>The pattern of temporary files a save of <paramref name="path"/> may leave when its process is killed.</summary>
    public static string TemporaryPattern(string path) => Path.GetFileName(Path.GetFullPath(path)) + ".*.tmp";

    private static string TemporaryNameFor(string full) => $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";

    /// <summary>Opens a snapshot for one sequential pass.</summary>
    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.SequentialScan);

    /// <summary>Checks the magic bytes and the format version; throws <see cref="InvalidDataException"/> naming what the file is not.</summary>
    internal static void ReadPreamble(BinaryReader r, ReadOnlySpan<byte> magic, int formatVersion, string what)
    {
        Span<byte> read = stackalloc byte[magic.Length];
        if (r.BaseStream.ReadAtLeast(read, read.Length, throwOnEndOfStream: false) < read.Length || !read.SequenceEqual(magic))
            throw new InvalidDataException($"not a {what} (bad magic)");
        int version = r.ReadInt32();
        if (version != formatVersion)
            throw new InvalidDataException($"{what} format version {version}, this build reads {formatVersion}");
    }
}
