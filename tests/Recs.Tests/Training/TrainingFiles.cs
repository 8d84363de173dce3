using System.Globalization;
using System.IO.Compression;
using System.Text;
using Recs.Engine.Training;

namespace Recs.Tests.Training;

/// <summary>Writes small ratings files in both supported layouts into a temporary folder that is deleted on dispose.</summary>
internal sealed class TrainingFiles : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("recs-train-").FullName;

    public string Path(string name) => System.IO.Path.Combine(Dir, name);

    /// <summary>MovieLens layout (userId,movieId,rating,timestamp) with the synthetic generator's ids turned into integers.</summary>
    public string MovieLens(RatingTriples r, string name = "ratings.csv")
    {
        var text = new StringBuilder("userId,movieId,rating,timestamp\r\n");
        for (int i = 0; i < r.Count; i++)
            text.Append(CultureInfo.InvariantCulture, $"{r.Users[i] + 1},{r.Films[i] + 1},{r.Stars[i]:0.0},964982703\r\n");
        File.WriteAllText(Path(name), text.ToString());
        return Path(name);
    }

    /// <summary>The Letterboxd data-set layout (user_id,movie_id,rating_val in half stars), gzip-compressed.</summary>
    public string LetterboxdGzip(RatingTriples r, string name = "ratings.csv.gz")
    {
        using (var file = File.Create(Path(name)))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gzip))
        {
            writer.Write("user_id,movie_id,rating_val\n");
            for (int i = 0; i < r.Count; i++)
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{r.UserIds[r.Users[i]]},{r.FilmIds[r.Films[i]]},{(int)(r.Stars[i] * 2)}\n"));
        }
        return Path(name);
    }

    public string Text(string name, string content)
    {
        File.WriteAllText(Path(name), content);
        return Path(name);
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
