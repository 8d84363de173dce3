namespace Recs.Storage.Postgres;

// ratings has no FOREIGN KEY clauses on purpose: writes resolve user and film ids by joining users and films in the
// same transaction, so a dangling id cannot be written, and PostgreSQL's per-row FK triggers made a million-row
// import about seven times slower (16.7 s against 2.2 s for the insert alone).
// published_models holds the trained models replicas share (PostgresReplicaCoordination); its snapshots are stored
// uncompressed out of line (STORAGE EXTERNAL): float factors do not compress, and trying costs seconds per model.
// An additive table: version 3 binaries that predate it simply never read it.
// Version 4 finds changed ratings through their users (users.ratings_seq, kept by the statement triggers below) rather
// than through an index of ratings by sequence, which a first import of ten million rows spent 3.4–6 s building.
/// <summary>The PostgreSQL schema, written so that running it again on an existing database changes nothing.</summary>
internal static class PostgresSchema
{
    public const int Version = 4;

    // Serialises concurrent start-ups of several service instances against one database.
    public const long MigrationLockKey = 0x5265_6373_0001;

    // films.seq and ratings.seq hold the change sequence of the write that last changed the row, users.exclusions_seq
    // that of the write that last changed the person's exclusions (replaced as a whole, so an emptied set is still
    // found), users.ratings_seq the greatest sequence among the person's ratings. The row sequences have no default: a
    // write path that forgot to stamp its rows would fail rather than hide them; users.ratings_seq is kept by the
    // triggers (StampRatingWriters), so no write path has to remember it, a binary of an earlier version included.
    public const string CreateTables = """
        CREATE TABLE IF NOT EXISTS users (
            id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            username text NOT NULL UNIQUE,
            exclusions_seq bigint NOT NULL DEFAULT 0,
            ratings_seq bigint NOT NULL DEFAULT 0
        );
        CREATE TABLE IF NOT EXISTS films (
            id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            slug text NOT NULL UNIQUE,
            title text NOT NULL,
            year integer NULL,
            genres text NOT NULL DEFAULT '',
            content_type text NOT NULL DEFAULT 'movie',
            popularity real NULL,
            letterboxd_uri text NULL,
            seq bigint NOT NULL
        );
        CREATE TABLE IF NOT EXISTS ratings (
            user_id integer NOT NULL,
            film_id integer NOT NULL,
            stars real NOT NULL CHECK (stars BETWEEN 0.5 AND 5 AND stars * 2 = round(stars * 2)),
            rated_on date NULL,
            seq bigint NOT NULL,
            PRIMARY KEY (user_id, film_id)
        );
        CREATE TABLE IF NOT EXISTS meta (
            key text PRIMARY KEY,
            value text NOT NULL
        );
        CREATE TABLE IF NOT EXISTS data_version (
            id integer PRIMARY KEY CHECK (id = 1),
            seq bigint NOT NULL
        );
        INSERT INTO data_version (id, seq) VALUES (1, 1) ON CONFLICT (id) DO NOTHING;
        CREATE TABLE IF NOT EXISTS user_credentials (
            user_id integer PRIMARY KEY,
            token_hash bytea NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE TABLE IF NOT EXISTS exclusions (
            user_id integer NOT NULL,
            film_id integer NOT NULL,
            PRIMARY KEY (user_id, film_id)
        );
        CREATE TABLE IF NOT EXISTS published_models (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            version text NOT NULL,
            data_sequence bigint NOT NULL,
            catalogue_fingerprint bigint NOT NULL,
            bytes bigint NOT NULL,
            published_at timestamptz NOT NULL DEFAULT now(),
            model bytea NOT NULL
        );
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_attribute
                           WHERE attrelid = 'published_models'::regclass AND attname = 'model' AND attstorage = 'e') THEN
                ALTER TABLE published_models ALTER COLUMN model SET STORAGE EXTERNAL;
            END IF;
        END $$;
        """;

    // How many of the version 4 columns exist; fewer than four means a version 2 or 3 database to upgrade. Checked first
    // because ALTER TABLE takes an exclusive lock even when it has nothing to do, which would queue every read of
    // another instance behind it at each start.
    public const string CountSequenceColumns = """
        SELECT count(*) FROM information_schema.columns
        WHERE table_schema = current_schema()
          AND (table_name, column_name) IN (('films', 'seq'), ('ratings', 'seq'), ('users', 'exclusions_seq'), ('users', 'ratings_seq'))
        """;

    public const int SequenceColumns = 4;

    // Version 2 → 3 → 4. ADD COLUMN with a constant default only records the value in the catalogue (no table rewrite), so
    // it is instant on any size; rows written before the upgrade read as sequence 0, below any sequence a reader can
    // hold. Dropping the default afterwards is catalogue-only too and leaves those rows at 0.
    public const string AddSequenceColumns = """
        ALTER TABLE films ADD COLUMN IF NOT EXISTS seq bigint NOT NULL DEFAULT 0;
        ALTER TABLE films ALTER COLUMN seq DROP DEFAULT;
        ALTER TABLE ratings ADD COLUMN IF NOT EXISTS seq bigint NOT NULL DEFAULT 0;
        ALTER TABLE ratings ALTER COLUMN seq DROP DEFAULT;
        ALTER TABLE users ADD COLUMN IF NOT EXISTS exclusions_seq bigint NOT NULL DEFAULT 0;
        ALTER TABLE users ADD COLUMN IF NOT EXISTS ratings_seq bigint NOT NULL DEFAULT 0;
        """;

    // Version 3 → 4: each person's greatest rating sequence, read once from the rows (a full scan of ratings).
    public const string FillUserRatingSequences = """
        UPDATE users u SET ratings_seq = written.seq
        FROM (SELECT user_id, max(seq) AS seq FROM ratings GROUP BY user_id) AS written
        WHERE u.id = written.user_id AND u.ratings_seq < written.seq
        """;

    // After each statement that inserts or updates ratings (an upload's upsert, an import's COPY or merge), the people
    // whose rows it wrote take the statement's greatest sequence. Statement triggers with transition tables: one UPDATE
    // of users per statement, not one per row. A first import into an empty table turns them off inside its
    // transaction and stamps its users itself (PostgresRatingStore.FirstLoad), since collecting ten million rows into a
    // transition table would cost what the index it replaces did. Created only when missing: CREATE OR REPLACE TRIGGER
    // locks ratings against writes at every start.
    public const string StampRatingWriters = """
        CREATE OR REPLACE FUNCTION stamp_rating_writers() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE users u SET ratings_seq = written.seq
            FROM (SELECT user_id, max(seq) AS seq FROM written_ratings GROUP BY user_id) AS written
            WHERE u.id = written.user_id AND u.ratings_seq < written.seq;
            RETURN NULL;
        END $$;
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'ratings'::regclass AND tgname = 'ratings_inserted') THEN
                CREATE TRIGGER ratings_inserted AFTER INSERT ON ratings REFERENCING NEW TABLE AS written_ratings
                    FOR EACH STATEMENT EXECUTE FUNCTION stamp_rating_writers();
            END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'ratings'::regclass AND tgname = 'ratings_updated') THEN
                CREATE TRIGGER ratings_updated AFTER UPDATE ON ratings REFERENCING NEW TABLE AS written_ratings
                    FOR EACH STATEMENT EXECUTE FUNCTION stamp_rating_writers();
            END IF;
        END $$;
        """;

    // The *_seq indexes make "changed since s" a range scan. The planner estimates seq > s from the column's
    // statistics, in which a sequence newer than the last ANALYZE holds almost nothing (past the histogram's end it
    // reads the index's actual maximum), so a delta of a few uploads is an Index Scan on users_ratings_seq with primary
    // key range scans of those people's ratings, and a delta as large as an import is planned like the full read
    // (sequential scans, hash joins). Ratings have no index of their own by sequence since version 4 (the people's
    // index holds one entry a person: 100,000 against 10M), nor by film: no query reads ratings by film, and building
    // that index was half of a first import's index time. DROP INDEX IF EXISTS locks ratings only when the index is
    // there, i.e. once.
    public const string CreateIndexes = """
        DROP INDEX IF EXISTS ratings_film_id;
        DROP INDEX IF EXISTS ratings_seq;
        CREATE INDEX IF NOT EXISTS films_letterboxd_uri ON films(letterboxd_uri);
        CREATE INDEX IF NOT EXISTS films_seq ON films(seq);
        CREATE INDEX IF NOT EXISTS users_exclusions_seq ON users(exclusions_seq);
        CREATE INDEX IF NOT EXISTS users_ratings_seq ON users(ratings_seq);
        """;

    // The primary key of ratings, as CREATE TABLE names it, built again by a first import once its rows are in (the
    // sort of a large table is given more than the default 64 MB), with the triggers back on.
    public const string AddRatingPrimaryKey = """
        SET LOCAL maintenance_work_mem = '256MB';
        ALTER TABLE ratings ADD CONSTRAINT ratings_pkey PRIMARY KEY (user_id, film_id),
            ENABLE TRIGGER ratings_inserted, ENABLE TRIGGER ratings_updated;
        """;

    // What a first import into an empty ratings table turns off inside its transaction until its rows are in.
    public const string DropRatingKeys = """
        ALTER TABLE ratings DROP CONSTRAINT IF EXISTS ratings_pkey,
            DISABLE TRIGGER ratings_inserted, DISABLE TRIGGER ratings_updated;
        """;

    // Without statistics on the new columns the planner takes a third of the table for seq > s and scans it whole; a
    // large table that then only sees uploads would not be auto-analysed for a long time.
    public const string AnalyzeSequenceColumns = "ANALYZE films (seq); ANALYZE ratings (seq); ANALYZE users (exclusions_seq, ratings_seq);";

    // Every write transaction advances the one data_version row first. The row lock it takes is held until commit, so
    // writers commit in sequence order and a reader that sees sequence s also sees every write at or below s.
    public const string AdvanceSequence = "UPDATE data_version SET seq = seq + 1 WHERE id = 1 RETURNING seq";
}
