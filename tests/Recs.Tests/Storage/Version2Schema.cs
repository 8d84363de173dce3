namespace Recs.Tests.Storage;

/// <summary>The schemas as version 2 created them (commit 09d6f4b), to build the databases that the upgrade tests migrate.</summary>
internal static class Version2Schema
{
    public const string Postgres = """
        CREATE TABLE IF NOT EXISTS users (
            id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            username text NOT NULL UNIQUE
        );
        CREATE TABLE IF NOT EXISTS films (
            id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            slug text NOT NULL UNIQUE,
            title text NOT NULL,
            year integer NULL,
            genres text NOT NULL DEFAULT '',
            content_type text NOT NULL DEFAULT 'movie',
            popularity real NULL,
            letterboxd_uri text NULL
        );
        CREATE TABLE IF NOT EXISTS ratings (
            user_id integer NOT NULL,
            film_id integer NOT NULL,
            stars real NOT NULL CHECK (stars BETWEEN 0.5 AND 5 AND stars * 2 = round(stars * 2)),
            rated_on date NULL,
            PRIMARY KEY (user_id, film_id)
        );
        CREATE INDEX IF NOT EXISTS ratings_film_id ON ratings(film_id);
        CREATE INDEX IF NOT EXISTS films_letterboxd_uri ON films(letterboxd_uri);
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
        """;

    public const string Sqlite = """
        CREATE TABLE IF NOT EXISTS users (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE
        );
        CREATE TABLE IF NOT EXISTS films (
            id INTEGER PRIMARY KEY,
            slug TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            year INTEGER NULL,
            genres TEXT NOT NULL DEFAULT '',
            content_type TEXT NOT NULL DEFAULT 'movie',
            popularity REAL NULL,
            letterboxd_uri TEXT NULL
        );
        CREATE TABLE IF NOT EXISTS ratings (
            user_id INTEGER NOT NULL,
            film_id INTEGER NOT NULL,
            stars REAL NOT NULL CHECK (stars BETWEEN 0.5 AND 5 AND stars * 2 = round(stars * 2)),
            rated_on TEXT NULL,
            PRIMARY KEY (user_id, film_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ratings_film_id ON ratings(film_id);
        CREATE INDEX IF NOT EXISTS films_letterboxd_uri ON films(letterboxd_uri);
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
}
