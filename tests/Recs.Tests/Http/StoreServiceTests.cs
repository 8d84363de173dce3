using Recs.Tests.Storage;
using Recs.Tests.Support;

namespace Recs.Tests.Http;

public sealed class SqliteServiceFixture : ServiceFixture
{
    protected override Task<TemporaryStore> CreateStoreAsync() => Task.FromResult<TemporaryStore>(new TemporarySqliteStore());
}

public sealed class PostgresServiceFixture : ServiceFixture
{
    protected override async Task<TemporaryStore> CreateStoreAsync() => await TemporaryPostgresStore.CreateAsync();
}

/// <summary>Every endpoint over the embedded SQLite store.</summary>
public sealed class SqliteServiceTests(SqliteServiceFixture fixture) : ServiceEndpointsContract<SqliteServiceFixture>(fixture);

/// <summary>Every endpoint over a real PostgreSQL server.</summary>
public sealed class PostgresServiceTests(PostgresServiceFixture fixture) : ServiceEndpointsContract<PostgresServiceFixture>(fixture);
