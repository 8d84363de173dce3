namespace Recs.Storage.Sqlite;

// ratings has no FOREIGN KEY clauses on purpose: writes resolve user and film ids by joining users and films in the
// same transaction, so a dangling id cannot be written, and PostgreSQL's per-row FK triggers made a million-row
// import about seven times slower (16.7 s against 2.2 s for the insert alone).
/// <summary>The SQLite schema, mirroring the PostgreSQL one; running it again on an existing file changes nothing.</summary>
internal static class SqliteSchema
{
    public const int Version = 3;

    // films.seq and ratings.seq hold the change sequence of the write that last changed the row, users.exclusions_seq
    // that of the write that last changed the person's exclusions (replaced as a whole, so an emptied set is still
    // found). A new file gives seq no default: a write path that forgot to stamp its rows would fail rather than hide them.
    public const string CreateTables = """
        CREATE TABLE IF NOT EXISTS users (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE,
            exclusions_seq INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE IF NOT EXISTS films (
            id INTEGER PRIMARY KEY,
            slug TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            year INTEGER NULL,
            genres TEXT NOT NULL DEFAULT '',
            content_type TEXT NOT NULL DEFAULT 'movie',
            popularity REAL NULL,
            letterboxd_uri TEXT NULL,
            seq INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS ratings (
            user_id INTEGER NOT NULL,
            film_id INTEGER NOT NULL,
            stars REAL NOT NULL CHECK (stars BETWEEN 0.5 AND 5 AND stars * 2 = round(stars * 2)),
            rated_on TEXT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (user_id, film_id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS data_version (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            seq INTEGER NOT NULL
        );
        INSERT INTO data_version (id, seq) VALUES (1, 1) ON CONFLICT (id) DO NOTHING;
        CREATE TABLE IF NOT EXISTS user_credentials (
            user_id INTEGER PRIMARY KEY,
            token_hash BLOB NOT NULL,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        CREATE TABLE IF NOT EXISTS exclusions (
            user_id INTEGER NOT NULL,
            film_id INTEGER NOT NULL,
            PRIMARY KEY (user_id, film_id)
        ) WITHOUT ROWID;
        """;

    // Version 2 → 3, one column at a time (SQLite has no ADD COLUMN IF NOT EXISTS). ADD COLUMN only edits the stored
    // CREATE statement, so it is instant on any size; rows written before the upgrade read the default 0, below any
    // sequence a reader can hold. SQLite needs that default to add a NOT NULL column and cannot drop it afterwards.
    public static readonly (string Table, string Column)[] SequenceColumns =
        [("films", "seq"), ("ratings", "seq"), ("users", "exclusions_seq")];

    public static string AddSequenceColumn(string table, string column) =>
        $"ALTER TABLE {table} ADD COLUMN {column} INTEGER NOT NULL DEFAULT 0";

    // The *_seq indexes make "changed since s" a range scan (SEARCH r USING INDEX ratings_seq (seq>?)). Building them
    // on a populated version 2 file reads each table once. Earlier files also indexed ratings by film: no query reads
    // ratings by film (the primary key leads with the user, films are never deleted), and that index was half the
    // time of a first import's index builds and a sixth of the file, so it is dropped.
    public const string CreateIndexes = CreateRatingIndexes + "\n" + """
        DROP INDEX IF EXISTS ratings_film_id;
        CREATE INDEX IF NOT EXISTS films_letterboxd_uri ON films(letterboxd_uri);
        CREATE INDEX IF NOT EXISTS films_seq ON films(seq);
        CREATE INDEX IF NOT EXISTS users_exclusions_seq ON users(exclusions_seq);
        """;

    // The secondary index of ratings, which a first import into an empty table builds after its rows are in.
    public const string CreateRatingIndexes = "CREATE INDEX IF NOT EXISTS ratings_seq ON ratings(seq);";

    public const string DropRatingIndexes = "DROP INDEX IF EXISTS ratings_seq;";

    // SQLite has one writer at a time (transactions begin IMMEDIATE), so advancing the sequence inside each write
    // transaction numbers the writes in commit order.
    public const string AdvanceSequence = "UPDATE data_version SET seq = seq + 1 WHERE id = 1 RETURNING seq";
}
