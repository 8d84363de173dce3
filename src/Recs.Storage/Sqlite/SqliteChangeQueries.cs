namespace Recs.Storage.Sqlite;

// The store keeps no statistics (it never runs ANALYZE), and without them SQLite would rather walk a unique index in
// ORDER BY order, a whole-table scan, than sort a range of unknown size. INDEXED BY keeps each query a range of its
// *_seq index, then primary key lookups, then a sort of the delta only. A delta as large as the table is then slower
// than a full read, which CountRatings lets a caller see first.
/// <summary>The SQL of the SQLite store's "changed since" reads, each a search of a *_seq index ($since is the sequence).</summary>
internal static class SqliteChangeQueries
{
    public const string Films = $"SELECT {FilmRow.Columns} FROM films INDEXED BY films_seq WHERE seq > $since ORDER BY slug";

    public const string Ratings = """
        SELECT u.username, f.slug, r.stars, r.rated_on
        FROM ratings r INDEXED BY ratings_seq JOIN users u ON u.id = r.user_id JOIN films f ON f.id = r.film_id
        WHERE r.seq > $since
        ORDER BY u.username, f.slug
        """;

    // The outer joins keep a person whose set is now empty, as one row with a null slug.
    public const string ExclusionSets = """
        SELECT u.username, f.slug
        FROM users u INDEXED BY users_exclusions_seq
        LEFT JOIN exclusions e ON e.user_id = u.id LEFT JOIN films f ON f.id = e.film_id
        WHERE u.exclusions_seq > $since
        ORDER BY u.username, f.slug
        """;

    public const string CountRatings = "SELECT count(*) FROM ratings INDEXED BY ratings_seq WHERE seq > $since";
}
