using Npgsql;
using Recs.Storage.Postgres;

namespace Recs.Tests.Support;

/// <summary>
/// A PostgreSQL database of its own (recs_o_…, created with RECS_TEST_PG's role, dropped on dispose) that the store
/// under test reaches only through a <see cref="TcpProxy"/>, so the test can cut it away; the test itself reads it
/// directly. The store's timeouts are short (connect 2 s, command 5 s) so that an outage is noticed at once.
/// </summary>
internal sealed class ProxiedPostgresDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;
    private readonly string _database;

    private ProxiedPostgresDatabase(string adminConnectionString, string database, TcpProxy proxy)
    {
        _adminConnectionString = adminConnectionString;
        _database = database;
        Proxy = proxy;
        DirectConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database }.ConnectionString;
        var proxied = new NpgsqlConnectionStringBuilder(adminConnectionString)
        {
            Host = "127.0.0.1",
            Port = proxy.Port,
            Database = database,
            Timeout = 2,
            CommandTimeout = 5,
        };
        Store = new PostgresRatingStore(proxied.ConnectionString);
    }

    /// <summary>The forwarder between the store and the server.</summary>
    public TcpProxy Proxy { get; }

    /// <summary>The store under test, connected through <see cref="Proxy"/>.</summary>
    public PostgresRatingStore Store { get; }

    /// <summary>Bypasses the proxy: what the test uses to see what was really written.</summary>
    public string DirectConnectionString { get; }

    /// <summary>Creates the database and the proxy; call inside a [SkippableFact] so that RECS_SKIP_POSTGRES=1 reports a skip.</summary>
    public static async Task<ProxiedPostgresDatabase> CreateAsync()
    {
        Skip.If(Environment.GetEnvironmentVariable("RECS_SKIP_POSTGRES") == "1",
            "RECS_SKIP_POSTGRES=1: PostgreSQL outage tests skipped");
        string admin = Environment.GetEnvironmentVariable("RECS_TEST_PG") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "RECS_TEST_PG is not set: run the tests through ./test.sh, which starts PostgreSQL and sets it "
                + "(or set RECS_SKIP_POSTGRES=1 to skip the PostgreSQL tests)");
        string database = $"recs_o_{Guid.NewGuid():N}"[..30];
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {database}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var proxy = TcpProxy.Start(new NpgsqlConnectionStringBuilder(admin).Port);
        return new ProxiedPostgresDatabase(admin, database, proxy);
    }

    /// <summary>Every stored rating row of each of <paramref name="usernames"/>, as film slugs (a duplicate row shows twice).</summary>
    public async Task<Dictionary<string, List<string>>> StoredSlugsAsync(IReadOnlyCollection<string> usernames)
    {
        var stored = usernames.ToDictionary(u => u, _ => new List<string>(), StringComparer.Ordinal);
        await using var conn = new NpgsqlConnection(DirectConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT u.username, f.slug
            FROM ratings r JOIN users u ON u.id = r.user_id JOIN films f ON f.id = r.film_id
            WHERE u.username = ANY($1)
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. usernames] });
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            stored[reader.GetString(0)].Add(reader.GetString(1));
        return stored;
    }

    /// <summary>How many rating rows the database holds, read directly.</summary>
    public async Task<long> RatingCountAsync()
    {
        await using var conn = new NpgsqlConnection(DirectConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM ratings", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await Proxy.DisposeAsync();
        await ScratchDatabase.DropAsync(_adminConnectionString, _database);
    }
}
