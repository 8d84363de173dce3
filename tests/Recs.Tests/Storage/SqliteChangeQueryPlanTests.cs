using Microsoft.Data.Sqlite;
using Recs.Storage.Sqlite;

namespace Recs.Tests.Storage;

/// <summary>Each of the SQLite store's change queries is a range of its *_seq index, never a table scan.</summary>
public sealed class SqliteChangeQueryPlanTests : StoreTestBase
{
    protected override Task<TemporaryStore> CreateTemporaryStoreAsync() => Task.FromResult<TemporaryStore>(new TemporarySqliteStore());

    [Theory]
    [InlineData(nameof(SqliteChangeQueries.Films), "SEARCH films USING INDEX films_seq (seq>?)")]
    [InlineData(nameof(SqliteChangeQueries.Ratings), "SEARCH r USING INDEX ratings_seq (seq>?)")]
    [InlineData(nameof(SqliteChangeQueries.ExclusionSets), "SEARCH u USING INDEX users_exclusions_seq (exclusions_seq>?)")]
    [InlineData(nameof(SqliteChangeQueries.CountRatings), "SEARCH ratings USING COVERING INDEX ratings_seq (seq>?)")]
    public async Task Each_change_query_starts_with_a_range_of_its_seq_index_and_scans_no_table(string query, string firstStep)
    {
        string sql = query switch
        {
            nameof(SqliteChangeQueries.Films) => SqliteChangeQueries.Films,
            nameof(SqliteChangeQueries.Ratings) => SqliteChangeQueries.Ratings,
            nameof(SqliteChangeQueries.ExclusionSets) => SqliteChangeQueries.ExclusionSets,
            _ => SqliteChangeQueries.CountRatings,
        };
        var plan = await PlanAsync(sql);
        Assert.True(plan[0] == firstStep, $"{query} should start with '{firstStep}', plan:\n{string.Join('\n', plan)}");
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN ", StringComparison.Ordinal));
    }

    private async Task<List<string>> PlanAsync(string sql)
    {
        await using var conn = await OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "EXPLAIN QUERY PLAN " + sql;
        cmd.Parameters.AddWithValue("$since", 5L);
        await using var reader = await cmd.ExecuteReaderAsync();
        var steps = new List<string>();
        while (await reader.ReadAsync())
            steps.Add(reader.GetString(3));
        return steps;
    }

    // Unpooled, so the file is closed again before the temporary folder is deleted.
    private async Task<SqliteConnection> OpenAsync()
    {
        var store = (SqliteRatingStore)await StoreAsync();
        var conn = new SqliteConnection($"Data Source={store.Path};Pooling=False");
        await conn.OpenAsync();
        return conn;
    }
}
