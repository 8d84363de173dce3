namespace Recs.Storage.Sqlite;

// None of these sorts: films and users walk their UNIQUE index in ORDER BY order, ratings and exclusions are read in
// primary key order (user_id, film_id), the order their WITHOUT ROWID b-trees are stored in, with no join.
/// <summary>The SQL of the SQLite store's whole read by id (<see cref="SqliteRatingStore.ReadAllByIdAsync"/>).</summary>
internal static class SqliteWholeReadQueries
{
    /// <summary>The film columns of <see cref="FilmRow"/>, then the id, in the catalogue's order (slug, byte order).</summary>
    public const string Films = $"SELECT {FilmRow.Columns}, id FROM films ORDER BY slug";

    /// <summary>Every user as (id, username), by username in byte order, the order of a dataset's users.</summary>
    public const string Users = "SELECT id, username FROM users ORDER BY username";

    public const string Ratings = "SELECT user_id, film_id, stars FROM ratings";

    public const string Exclusions = "SELECT user_id, film_id FROM exclusions";
}
