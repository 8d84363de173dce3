using System.Globalization;
using System.IO.Compression;
using System.Text;
using Recs.Engine.Catalog;
using Recs.Engine.Training;
using Recs.Storage.Import;

namespace Recs.Storage.Export;

/// <summary>
/// Writes films and ratings in the scraped Letterboxd data set's layout — <c>movies.csv</c> and <c>ratings.csv.gz</c>
/// (rating_val in half stars) — which <c>recs import letterboxd-dataset</c> reads back. Equal input gives equal bytes.
/// </summary>
public static class LetterboxdDatasetWriter
{
    // A row is at most a user, a slug and "10\n"; the buffer is flushed to the compressor before one could overflow it.
    private const int BufferBytes = 1 << 20;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes both files into <paramref name="dir"/> (created if missing), each through a temporary file renamed when
    /// complete, and deletes a plain <c>ratings.csv</c> there, which the importer would read instead. Film index
    /// <c>f</c> of <paramref name="ratings"/> is <c>films[f]</c>; throws ArgumentException when the sizes disagree or
    /// a rating is not a half star from 0.5 to 5.
    /// </summary>
    public static void Write(string dir, IReadOnlyList<Film> films, RatingTriples ratings, CompressionLevel level = CompressionLevel.Fastest)
    {
        ArgumentNullException.ThrowIfNull(films);
        ArgumentNullException.ThrowIfNull(ratings);
        if (films.Count != ratings.FilmIds.Length)
            throw new ArgumentException($"{films.Count} films for ratings over {ratings.FilmIds.Length}", nameof(films));
        Directory.CreateDirectory(dir);
        WriteAtomically(Path.Combine(dir, LetterboxdDatasetLayout.MoviesFile), stream => WriteMovies(stream, films));
        WriteAtomically(Path.Combine(dir, LetterboxdDatasetLayout.GzipRatingsFile), stream =>
        {
            using var gzip = new GZipStream(stream, level, leaveOpen: true);
            WriteRatings(gzip, films, ratings);
        });
        File.Delete(Path.Combine(dir, LetterboxdDatasetLayout.RatingsFile));
    }

    private static void WriteAtomically(string path, Action<Stream> write)
    {
        string temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            write(file);
        File.Move(temporary, path, overwrite: true);
    }

    private static void WriteMovies(Stream stream, IReadOnlyList<Film> films)
    {
        using var text = new StreamWriter(stream, Utf8, bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\n" };
        text.WriteLine(string.Join(',', LetterboxdDatasetLayout.MovieColumns));
        var c = CultureInfo.InvariantCulture;
        foreach (var film in films)
        {
            // Columns the catalogue does not model (language, release date, runtime, poster) are left empty, as in the
            // published set's sparser rows.
            text.Write(CsvField.Quote(film.Slug));
            text.Write(',');
            text.Write(CsvField.Quote(film.Title));
            text.Write(',');
            text.Write(film.Year?.ToString(c));
            text.Write(',');
            text.Write(CsvField.Quote(string.Join('|', film.Genres)));
            text.Write(",,");
            text.Write(film.Popularity?.ToString(c));
            text.Write(",,,");
            text.Write(CsvField.Quote(film.ContentType));
            text.WriteLine(',');
        }
    }

    private static void WriteRatings(Stream stream, IReadOnlyList<Film> films, RatingTriples ratings)
    {
        // Each user's and film's field is encoded once; a row is then three copies, so ten million rows cost little more
        // than the compressor's own time.
        byte[][] users = [.. ratings.UserIds.Select(id => Utf8.GetBytes(CsvField.Quote(id) + ","))];
        byte[][] slugs = [.. films.Select(film => Utf8.GetBytes(CsvField.Quote(film.Slug) + ","))];
        byte[][] values = [.. Enumerable.Range(0, 11).Select(half => Utf8.GetBytes($"{half}\n"))];
        int longest = users.Select(u => u.Length).DefaultIfEmpty().Max() + slugs.Select(s => s.Length).DefaultIfEmpty().Max() + 3;

        var buffer = new byte[System.Math.Max(BufferBytes, 2 * longest)];
        int used = Utf8.GetBytes(string.Join(',', LetterboxdDatasetLayout.RatingColumns) + "\n", buffer);
        for (int i = 0; i < ratings.Count; i++)
        {
            if (buffer.Length - used < longest)
            {
                stream.Write(buffer, 0, used);
                used = 0;
            }
            users[ratings.Users[i]].CopyTo(buffer, used);
            used += users[ratings.Users[i]].Length;
            slugs[ratings.Films[i]].CopyTo(buffer, used);
            used += slugs[ratings.Films[i]].Length;
            int half = HalfStars(ratings.Stars[i]);
            if (half < 0)
                throw new ArgumentException($"rating {i} is {ratings.Stars[i]} stars; the layout holds half stars from 0.5 to 5", nameof(ratings));
            byte[] value = values[half];
            value.CopyTo(buffer, used);
            used += value.Length;
        }
        stream.Write(buffer, 0, used);
    }

    // 1–10, or -1 when the rating is not a whole number of half stars in range (NaN included).
    private static int HalfStars(float stars)
    {
        float half = stars * 2;
        return half is >= 1 and <= 10 && half == MathF.Round(half) ? (int)half : -1;
    }
}
