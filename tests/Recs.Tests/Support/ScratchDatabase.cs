using Npgsql;

namespace Recs.Tests.Support;

/// <summary>Drops a test's scratch PostgreSQL database, whatever is still connected to it.</summary>
internal static class ScratchDatabase
{
    // Undefined privilege: FORCE could not end a backend of another role, e.g. an autovacuum worker analysing a fresh
    // import when the role lacks pg_signal_backend. The worker is done within seconds.
    private const string NotAllowedToSignal = "42501";

    public static async Task DropAsync(string adminConnectionString, string database)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await using var conn = new NpgsqlConnection(adminConnectionString);
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", conn);
                await cmd.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == NotAllowedToSignal && attempt < 30)
            {
                await Task.Delay(1000);
            }
        }
    }
}
