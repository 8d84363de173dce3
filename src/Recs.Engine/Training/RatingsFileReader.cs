using System.Buffers.Text;
using System.IO.Compression;
using System.Text;
using Recs.Engine.Catalog;

namespace Recs.Engine.Training;

/// <summary>
/// Reads a MovieLens or Letterboxd-data-set ratings CSV, plain or gzip, straight from bytes into
/// <see cref="RatingTriples"/>. The general import CSV reader allocates a string per line and per field; this
/// one allocates only per distinct id, which keeps a million-rating load to a fraction of a second.
/// </summary>
public static class RatingsFileReader
{
    private const int BufferSize = 1 << 20;

    /// <summary>Reads <paramref name="path"/> (gzip when it starts with gzip's magic bytes); throws <see cref="RatingsFileException"/> when it is missing, has an unknown header or a malformed row.</summary>
    public static RatingTriples Read(string path)
    {
        if (!File.Exists(path))
            throw new RatingsFileException($"{path}: file not found");
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[2];
        bool gzip = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        // A compressed file expands about four-fold; the estimate only sizes the first arrays.
        long estimatedBytes = gzip ? file.Length * 4 : file.Length;
        // Decompression runs a few chunks ahead on another core while this one parses.
        using Stream source = gzip ? new ReadAheadStream(new GZipStream(file, CompressionMode.Decompress), BufferSize) : file;
        try
        {
            return Read(source, Path.GetFileName(path), (int)System.Math.Min(estimatedBytes / 16, 1 << 26));
        }
        catch (InvalidDataException e)
        {
            throw new RatingsFileException($"{path}: not a valid gzip file ({e.Message})");
        }
    }

    /// <summary>Reads CSV text from <paramref name="stream"/> (not disposed); <paramref name="name"/> prefixes error messages.</summary>
    public static RatingTriples Read(Stream stream, string name, int expectedRatings = 1024)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var parser = new Parser(name, System.Math.Max(expectedRatings, 16));
        var buffer = new byte[BufferSize];
        int filled = 0;
        while (true)
        {
            int read = stream.ReadAtLeast(buffer.AsSpan(filled), buffer.Length - filled, throwOnEndOfStream: false);
            filled += read;
            bool end = filled < buffer.Length;
            int consumed = parser.ParseLines(buffer.AsSpan(0, filled), end);
            if (end)
                break;
            if (consumed == 0)
            {
                // One line longer than the buffer: no ratings file has those, but grow rather than fail.
                Array.Resize(ref buffer, buffer.Length * 2);
                continue;
            }
            buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
            filled -= consumed;
        }
        return parser.Finish();
    }

    private sealed class Parser(string name, int capacity)
    {
        private readonly IdTable _users = new();
        private readonly IdTable _films = new();
        private int[] _userIndex = new int[capacity];
        private int[] _filmIndex = new int[capacity];
        private float[] _stars = new float[capacity];
        private int _count;
        private long _line;
        private RatingsFileFormat? _format;
        private int _userColumn, _filmColumn, _ratingColumn, _needed;

        // Parses every complete line of text (all of it when end is set); returns the bytes consumed.
        public int ParseLines(ReadOnlySpan<byte> text, bool end)
        {
            int position = 0;
            while (position < text.Length)
            {
                int newline = text[position..].IndexOf((byte)'\n');
                if (newline < 0 && !end)
                    break;
                var line = newline < 0 ? text[position..] : text.Slice(position, newline);
                position = newline < 0 ? text.Length : position + newline + 1;
                _line++;
                if (line.Length > 0 && line[^1] == '\r')
                    line = line[..^1];
                if (_format is null)
                    ReadHeader(line);
                else if (!line.IsEmpty)
                    ReadRating(line);
            }
            return position;
        }

        public RatingTriples Finish()
        {
            if (_format is null)
                throw new RatingsFileException($"{name}: the file is empty; {ExpectedHeaders}");
            if (_count == 0)
                throw new RatingsFileException($"{name}: the file has a header but no ratings");
            return new RatingTriples(_users.ToArray(), _films.ToArray(), _userIndex[.._count], _filmIndex[.._count], _stars[.._count]) { Format = _format };
        }

        private const string ExpectedHeaders =
            "expected the header userId,movieId,rating[,timestamp] (MovieLens) or user_id,movie_id,rating_val (Letterboxd data set)";

        private void ReadHeader(ReadOnlySpan<byte> line)
        {
            if (line.StartsWith("\uFEFF"u8))
                line = line[3..];
            string[] columns = Encoding.UTF8.GetString(line).Split(',', StringSplitOptions.TrimEntries);
            int Find(string column) => Array.FindIndex(columns, c => c.Trim('"').Equals(column, StringComparison.OrdinalIgnoreCase));
            if (Find("user_id") is >= 0 and var u && Find("movie_id") is >= 0 and var f && Find("rating_val") is >= 0 and var r)
                (_format, _userColumn, _filmColumn, _ratingColumn) = (RatingsFileFormat.LetterboxdDataset, u, f, r);
            else if (Find("userId") is >= 0 and var mu && Find("movieId") is >= 0 and var mf && Find("rating") is >= 0 and var mr)
                (_format, _userColumn, _filmColumn, _ratingColumn) = (RatingsFileFormat.MovieLens, mu, mf, mr);
            else
                throw new RatingsFileException($"{name}: unrecognised header '{string.Join(',', columns)}'; {ExpectedHeaders}");
            _needed = System.Math.Max(_userColumn, System.Math.Max(_filmColumn, _ratingColumn)) + 1;
        }

        private void ReadRating(ReadOnlySpan<byte> line)
        {
            ReadOnlySpan<byte> user = default, film = default, rating = default;
            int field = 0;
            while (field < _needed)
            {
                int comma = line.IndexOf((byte)',');
                var value = comma < 0 ? line : line[..comma];
                if (field == _userColumn)
                    user = Unquote(value);
                else if (field == _filmColumn)
                    film = Unquote(value);
                else if (field == _ratingColumn)
                    rating = Unquote(value);
                field++;
                if (comma < 0)
                    break;
                line = line[(comma + 1)..];
            }
            if (field < _needed)
                throw Malformed($"expected at least {_needed} fields, found {field}");
            if (user.IsEmpty || film.IsEmpty)
                throw Malformed("empty user or film id");
            float stars = ParseStars(rating);
            if (_count == _stars.Length)
                Grow();
            try
            {
                _userIndex[_count] = _users.IndexOf(user);
                _filmIndex[_count] = _films.IndexOf(film);
            }
            catch (DecoderFallbackException)
            {
                throw Malformed("an id is not valid UTF-8");
            }
            _stars[_count++] = stars;
        }

        private float ParseStars(ReadOnlySpan<byte> text)
        {
            if (_format == RatingsFileFormat.LetterboxdDataset)
            {
                if (Utf8Parser.TryParse(text, out int halfStars, out int used) && used == text.Length && StarRating.FromHalfStars(halfStars) is { } s)
                    return s;
                throw Malformed($"rating_val '{Encoding.UTF8.GetString(text)}' is not an integer 1–10");
            }
            if (Utf8Parser.TryParse(text, out float stars, out int consumed) && consumed == text.Length && StarRating.IsValid(stars))
                return stars;
            throw Malformed($"rating '{Encoding.UTF8.GetString(text)}' is not 0.5–5 in half stars");
        }

        private static ReadOnlySpan<byte> Unquote(ReadOnlySpan<byte> field)
        {
            field = field.Trim((byte)' ');
            return field.Length >= 2 && field[0] == '"' && field[^1] == '"' ? field[1..^1] : field;
        }

        private void Grow()
        {
            int size = _stars.Length * 2;
            Array.Resize(ref _userIndex, size);
            Array.Resize(ref _filmIndex, size);
            Array.Resize(ref _stars, size);
        }

        private RatingsFileException Malformed(string why) => new($"{name}: line {_line}: {why}");
    }
}
