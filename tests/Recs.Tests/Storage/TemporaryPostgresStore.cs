using Npgsql;
using Recs.Engine.Storage;
using Recs.Storage.Postgres;
using Recs.Tests.Support;

namespace Recs.Tests.Storage;

/// <summary>
/// A PostgreSQL store on a database of its own (recs_t_…), created with RECS_TEST_PG's role and dropped on dispose,
/// so test classes can run in parallel. Fails without RECS_TEST_PG unless RECS_SKIP_POSTGRES=1 asks to skip.
/// </summary>
public sealed class TemporaryPostgresStore : TemporaryStore
{
    private readonly string _adminConnectionString;
    private readonly string _database;
    private readonly PostgresRatingStore _store;

    private TemporaryPostgresStore(string adminConnectionString, string database, string connectionString)
    {
        _adminConnectionString = adminConnectionString;
        _database = database;
        ConnectionString = connectionString;
        _store = new PostgresRatingStore(connectionString);
    }

    public override IRatingStore Store => _store;

    /// <summary>The connection string of this store's own database.</summary>
    public string ConnectionString { get; }

    /// <summary>Runs <paramref name="sql"/> (one or more statements) directly on this store's database.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of every row <paramref name="sql"/> returns on this store's database, as text.</summary>
    public async Task<List<string>> QueryAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
            values.Add(reader.GetValue(0).ToString()!);
        return values;
    }

    /// <summary>Creates the database; call inside a [SkippableFact] so that RECS_SKIP_POSTGRES=1 reports a skip.</summary>
    public static async Task<TemporaryPostgresStore> CreateAsync()
    {
        Skip.If(Environment.GetEnvironmentVariable("RECS_SKIP_POSTGRES") == "1",
            "RECS_SKIP_POSTGRES=1: PostgreSQL store tests skipped");
        string admin = Environment.GetEnvironmentVariable("RECS_TEST_PG") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "RECS_TEST_PG is not set: run the tests through ./test.sh, which starts PostgreSQL and sets it "
                + "(or set RECS_SKIP_POSTGRES=1 to skip the PostgreSQL tests)");
        string database = $"recs_t_{Guid.NewGuid():N}"[..30];
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {database}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = database };
        return new TemporaryPostgresStore(admin, database, builder.ConnectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        await ScratchDatabase.DropAsync(_adminConnectionString, _database);
    }
}
