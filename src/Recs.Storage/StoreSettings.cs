using Npgsql;

namespace Recs.Storage;

/// <summary>Where the store lives, read from the environment: PostgreSQL when DATABASE_URL or a PG* variable is set, else a SQLite file.</summary>
public sealed record StoreSettings
{
    public const string DefaultSqlitePath = "./data/recs.db";

    /// <summary>The environment variable that moves the SQLite file.</summary>
    public const string SqlitePathVariable = "RECS_SQLITE_PATH";

    /// <summary>The environment variable holding a postgres:// URL (as Railway provides it).</summary>
    public const string DatabaseUrlVariable = "DATABASE_URL";

    /// <summary>The libpq variables read when no URL is given (PGSSLMODE besides: it only qualifies the others).</summary>
    public static IReadOnlyList<string> PostgresVariables { get; } = ["PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD"];

    public required StoreKind Kind { get; init; }

    /// <summary>Npgsql connection string (with password) when <see cref="Kind"/> is Postgres.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>Database file when <see cref="Kind"/> is Sqlite.</summary>
    public string? SqlitePath { get; init; }

    /// <summary>Where the store is, for logs and start-up banners; never contains the password.</summary>
    public string Description
    {
        get
        {
            if (Kind == StoreKind.Sqlite)
            {
                return $"sqlite {Path.GetFullPath(SqlitePath ?? DefaultSqlitePath)}";
            }
            var b = new NpgsqlConnectionStringBuilder(PostgresConnectionString);
            return $"postgres {b.Username}@{b.Host}:{b.Port}/{b.Database} (sslmode {b.SslMode.ToString().ToLowerInvariant()})";
        }
    }

    public override string ToString() => Description;

    /// <summary>Reads the process environment.</summary>
    public static StoreSettings FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    /// <summary>Reads settings through <paramref name="getVariable"/>; throws <see cref="FormatException"/> on a malformed DATABASE_URL or PGPORT.</summary>
    public static StoreSettings FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        string? Get(string name) => getVariable(name) is { Length: > 0 } v ? v : null;

        string user = Get("PGUSER") ?? Environment.UserName;
        if (Get(DatabaseUrlVariable) is { } url && PostgresUrl.IsPostgresUrl(url))
        {
            return new StoreSettings { Kind = StoreKind.Postgres, PostgresConnectionString = PostgresUrl.Parse(url, user).ConnectionString };
        }
        if (PostgresVariables.Any(name => Get(name) is not null))
        {
            var builder = new NpgsqlConnectionStringBuilder
            {
                Host = Get("PGHOST") ?? "localhost",
                Port = ParsePort(Get("PGPORT")),
                Username = user,
                Database = Get("PGDATABASE") ?? user,
            };
            if (Get("PGPASSWORD") is { } password)
            {
                builder.Password = password;
            }
            if (Get("PGSSLMODE") is { } sslMode)
            {
                builder.SslMode = PostgresUrl.ParseSslMode(sslMode);
            }
            return new StoreSettings { Kind = StoreKind.Postgres, PostgresConnectionString = builder.ConnectionString };
        }
        return new StoreSettings { Kind = StoreKind.Sqlite, SqlitePath = Get(SqlitePathVariable) ?? DefaultSqlitePath };
    }

    private static int ParsePort(string? value)
    {
        if (value is null)
        {
            return PostgresUrl.DefaultPort;
        }
        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port)
            && port is > 0 and < 65536
            ? port
            : throw new FormatException($"PGPORT '{value}' is not a port number");
    }
}
