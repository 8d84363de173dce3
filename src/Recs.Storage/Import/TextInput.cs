using System.IO.Compression;
using System.Text;

namespace Recs.Storage.Import;

/// <summary>Opens import files as strict UTF-8 text, transparently un-gzipping files that end in .gz or start with gzip's magic bytes.</summary>
public static class TextInput
{
    // Throwing on invalid bytes turns a Latin-1 or UTF-16 file into a clear error instead of garbled titles.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // A file of millions of rows is read 64 KB at a time. A stream is mostly one person's upload, tens of kilobytes,
    // for which a reader's buffers of that size (64 KB of bytes and 128 KB of chars, new for every reader) were a
    // quarter of what an upload allocated; 4 KB reads it as fast.
    private const int FileBufferBytes = 1 << 16;
    private const int StreamBufferBytes = 1 << 12;

    /// <summary>Opens <paramref name="path"/> for streaming reads; throws <see cref="ImportFormatException"/> when it does not exist.</summary>
    public static TextReader Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new ImportFormatException($"{path}: file not found");
        }
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: FileBufferBytes, FileOptions.SequentialScan);
        return Open(file, path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase), FileBufferBytes);
    }

    /// <summary>Wraps <paramref name="stream"/> (owned by the reader); seekable streams are sniffed for gzip.</summary>
    public static TextReader Open(Stream stream, bool gzip = false) => Open(stream, gzip, StreamBufferBytes);

    private static TextReader Open(Stream stream, bool gzip, int bufferBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!gzip && stream.CanSeek)
        {
            Span<byte> magic = stackalloc byte[2];
            long start = stream.Position;
            int read = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            stream.Position = start;
            gzip = read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        }
        Stream source = gzip ? new GZipStream(stream, CompressionMode.Decompress) : stream;
        return new StreamReader(source, StrictUtf8, detectEncodingFromByteOrderMarks: false, bufferSize: bufferBytes);
    }
}
