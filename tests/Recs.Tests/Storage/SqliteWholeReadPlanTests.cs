using Microsoft.Data.Sqlite;
using Recs.Storage.Sqlite;

namespace Recs.Tests.Storage;

/// <summary>Each query of the SQLite store's whole read by id is one scan in stored order: no sort, no join.</summary>
public sealed class SqliteWholeReadPlanTests : StoreTestBase
{
    protected override Task<TemporaryStore> CreateTemporaryStoreAsync() => Task.FromResult<TemporaryStore>(new TemporarySqliteStore());

    [Theory]
    [InlineData(nameof(SqliteWholeReadQueries.Films), "SCAN films USING INDEX sqlite_autoindex_films_1")]
    [InlineData(nameof(SqliteWholeReadQueries.Users), "SCAN users USING COVERING INDEX sqlite_autoindex_users_1")]
    [InlineData(nameof(SqliteWholeReadQueries.Ratings), "SCAN ratings")]
    [InlineData(nameof(SqliteWholeReadQueries.Exclusions), "SCAN exclusions")]
    public async Task Each_whole_read_query_is_a_single_scan_without_a_sort(string query, string plan)
    {
        string sql = query switch
        {
            nameof(SqliteWholeReadQueries.Films) => SqliteWholeReadQueries.Films,
            nameof(SqliteWholeReadQueries.Users) => SqliteWholeReadQueries.Users,
            nameof(SqliteWholeReadQueries.Ratings) => SqliteWholeReadQueries.Ratings,
            _ => SqliteWholeReadQueries.Exclusions,
        };
        var steps = await PlanAsync(sql);
        Assert.True(steps.SequenceEqual([plan]), $"{query} should be only '{plan}', plan:\n{string.Join('\n', steps)}");
    }

    private async Task<List<string>> PlanAsync(string sql)
    {
        var store = (SqliteRatingStore)await StoreAsync();
        // Unpooled, so the file is closed again before the temporary folder is deleted.
        await using var conn = new SqliteConnection($"Data Source={store.Path};Pooling=False");
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "EXPLAIN QUERY PLAN " + sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var steps = new List<string>();
        while (await reader.ReadAsync())
            steps.Add(reader.GetString(3));
        return steps;
    }
}
