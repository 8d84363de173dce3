using System.Text;
using Recs.Engine.Catalog;
using Recs.Engine.Persistence;

namespace Recs.Engine.Data;

/// <summary>
/// The versioned binary file of a <see cref="RatingsDataset"/>: what serving needs to start without reading the store
/// (catalogue, usernames, the ratings by user, exclusions) plus the identity of the store and the change sequence it
/// was read at, so a restart reads only what changed since. Magic "RECSDATA", format version, then length-prefixed
/// little-endian sections and a trailing CRC-32; the by-film index, means and lookups are rebuilt on load.
/// </summary>
public static class DatasetSnapshot
{
    // 2: stars as one byte of half-star units (1 held them as 4-byte floats).
    public const int FormatVersion = 2;
    private static ReadOnlySpan<byte> Magic => "RECSDATA"u8;

    /// <summary>Writes <paramref name="data"/> read from the store <paramref name="storeId"/> to <paramref name="path"/> (temporary file, then rename).</summary>
    public static void Save(RatingsDataset data, string storeId, string path)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(storeId);
        SnapshotFiles.WriteAtomically(path, file => Write(data, storeId, file));
    }

    /// <summary>Writes the whole snapshot, checksum included, to <paramref name="file"/>.</summary>
    public static void Write(RatingsDataset data, string storeId, Stream file)
    {
        var stream = new ChecksumStream(file);
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(storeId);
            w.Write(data.Sequence);
            w.Write(data.FilmCount);
            foreach (var film in data.Films)
                WriteFilm(w, film);
            w.Write(data.UserCount);
            foreach (string user in data.Users)
                w.Write(user);
            SnapshotArrays.Write<int>(w, data.UserOffsets);
            SnapshotArrays.Write<int>(w, data.UserFilms);
            SnapshotArrays.Write<byte>(w, data.UserHalfStars);
            w.Write(data.Excluded.Count);
            foreach (var (user, films) in data.Excluded.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                w.Write(user);
                SnapshotArrays.Write<int>(w, films.Order().ToArray());
            }
        }
        SnapshotArrays.WriteChecksum(stream, file);
    }

    /// <summary>Reads a data snapshot file; throws <see cref="InvalidDataException"/> when it is corrupt, truncated, inconsistent or of another format version.</summary>
    public static (string StoreId, RatingsDataset Data) Load(string path)
    {
        using var file = SnapshotFiles.OpenRead(path);
        return Read(file);
    }

    /// <summary>Reads a whole data snapshot from <paramref name="file"/>, verifying magic, format version, checksum and every index.</summary>
    public static (string StoreId, RatingsDataset Data) Read(Stream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var stream = new ChecksumStream(file);
        try
        {
            using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            SnapshotFiles.ReadPreamble(r, Magic, FormatVersion, "data snapshot");
            string storeId = r.ReadString();
            long sequence = r.ReadInt64();
            var films = new Film[SnapshotArrays.ReadCount(r, stream)];
            for (int f = 0; f < films.Length; f++)
                films[f] = ReadFilm(r);
            var users = new string[SnapshotArrays.ReadCount(r, stream)];
            for (int u = 0; u < users.Length; u++)
                users[u] = r.ReadString();
            var offsets = SnapshotArrays.Read<int>(r, stream);
            var userFilms = SnapshotArrays.Read<int>(r, stream);
            var stars = SnapshotArrays.Read<byte>(r, stream);
            int excludedCount = SnapshotArrays.ReadCount(r, stream);
            var excluded = new Dictionary<string, IReadOnlySet<int>>(excludedCount, StringComparer.Ordinal);
            for (int i = 0; i < excludedCount; i++)
            {
                string user = r.ReadString();
                var set = SnapshotArrays.Read<int>(r, stream);
                CheckIndices(set, films.Length, "exclusion");
                excluded[user] = new HashSet<int>(set);
            }
            SnapshotArrays.VerifyChecksum(stream, file);
            CheckRows(offsets, userFilms, stars, users.Length, films.Length);
            return (storeId, new RatingsDataset(films, users, offsets, userFilms, stars, sequence, excluded));
        }
        catch (Exception e) when (e is IOException or ArgumentException or OverflowException or FormatException)
        {
            throw new InvalidDataException($"data snapshot is malformed: {e.Message}", e);
        }
    }

    // A checksum proves the bytes are the ones written, not that the writer was right: every index is checked once
    // here so a request can never index past an array.
    private static void CheckRows(int[] offsets, int[] films, byte[] stars, int userCount, int filmCount)
    {
        if (offsets.Length != userCount + 1 || offsets[0] != 0 || offsets[^1] != films.Length || stars.Length != films.Length)
            throw new InvalidDataException("data snapshot rows disagree with the user count");
        for (int u = 0; u < userCount; u++)
        {
            int start = offsets[u], end = offsets[u + 1];
            if (end < start)
                throw new InvalidDataException($"data snapshot row offsets decrease at user {u}");
            for (int i = start; i < end; i++)
            {
                if ((uint)films[i] >= (uint)filmCount || (i > start && films[i] <= films[i - 1]))
                    throw new InvalidDataException($"data snapshot has a bad film index in user {u}'s row");
                if (!StarRating.IsValidUnits(stars[i]))
                    throw new InvalidDataException($"data snapshot has rating {stars[i]} (half stars) in user {u}'s row");
            }
        }
    }

    private static void CheckIndices(int[] films, int filmCount, string what)
    {
        foreach (int f in films)
        {
            if ((uint)f >= (uint)filmCount)
                throw new InvalidDataException($"data snapshot has a bad film index in an {what}");
        }
    }

    private static void WriteFilm(BinaryWriter w, Film film)
    {
        w.Write(film.Slug);
        w.Write(film.Title);
        w.Write(film.Year ?? int.MinValue);
        w.Write(film.Genres.Length);
        foreach (string genre in film.Genres)
            w.Write(genre);
        w.Write(film.ContentType);
        w.Write(film.Popularity ?? float.NaN);
        w.Write(film.LetterboxdUri ?? "");
    }

    private static Film ReadFilm(BinaryReader r)
    {
        string slug = r.ReadString(), title = r.ReadString();
        int year = r.ReadInt32();
        int genreCount = r.ReadInt32();
        if (genreCount is < 0 or > 1024)
            throw new InvalidDataException($"film '{slug}' has {genreCount} genres");
        var genres = new string[genreCount];
        for (int g = 0; g < genres.Length; g++)
            genres[g] = string.Intern(r.ReadString());
        string contentType = string.Intern(r.ReadString());
        float popularity = r.ReadSingle();
        string uri = r.ReadString();
        return new Film(slug, title, year == int.MinValue ? null : year, genres, contentType,
            float.IsNaN(popularity) ? null : popularity, uri.Length == 0 ? null : uri);
    }
}
