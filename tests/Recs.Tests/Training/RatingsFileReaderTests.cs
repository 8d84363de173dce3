using Recs.Engine.Training;

namespace Recs.Tests.Training;

/// <summary>Reading a gzip ratings file through the read-ahead chunks, which are recycled between the two threads.</summary>
public sealed class RatingsFileReaderTests : IDisposable
{
    private readonly TrainingFiles _files = new();

    [Fact]
    public void A_gzip_file_many_chunks_long_is_read_back_rating_for_rating()
    {
        // About 8.5 MB of text: more 1 MB chunks than can be in flight at once (six), so chunk buffers are reused.
        const int count = 600_000;
        var random = new Random(31);
        var userIds = Enumerable.Range(0, 2_000).Select(u => $"u{u}").ToArray();
        var filmIds = Enumerable.Range(0, 3_000).Select(f => $"f{f}").ToArray();
        var users = new int[count];
        var films = new int[count];
        var stars = new float[count];
        for (int i = 0; i < count; i++)
        {
            users[i] = random.Next(userIds.Length);
            films[i] = random.Next(filmIds.Length);
            stars[i] = 0.5f * (1 + random.Next(10));
        }
        string path = _files.LetterboxdGzip(new RatingTriples(userIds, filmIds, users, films, stars));

        var read = RatingsFileReader.Read(path);

        Assert.Equal(count, read.Count);
        for (int i = 0; i < count; i++)
        {
            if (read.UserIds[read.Users[i]] != userIds[users[i]] || read.FilmIds[read.Films[i]] != filmIds[films[i]] || read.Stars[i] != stars[i])
                Assert.Fail($"rating {i} reads back as ({read.UserIds[read.Users[i]]}, {read.FilmIds[read.Films[i]]}, {read.Stars[i]}), " +
                    $"written as ({userIds[users[i]]}, {filmIds[films[i]]}, {stars[i]})");
        }
    }

    public void Dispose() => _files.Dispose();
}
