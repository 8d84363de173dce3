using Recs.Tests.Storage;
using Recs.Tests.Support;

namespace Recs.Tests.Http;

public sealed class SqliteTvServiceFixture : ServiceFixture
{
    protected override async Task<TemporaryStore> CreateStoreAsync() => await TvCatalogue.SeedAsync(new TemporarySqliteStore());
}

public sealed class PostgresTvServiceFixture : ServiceFixture
{
    protected override async Task<TemporaryStore> CreateStoreAsync() => await TvCatalogue.SeedAsync(await TemporaryPostgresStore.CreateAsync());
}

/// <summary>Recommendation query options over the embedded SQLite store.</summary>
public sealed class SqliteRecommendationOptionsTests(SqliteTvServiceFixture fixture) : RecommendationOptionsContract<SqliteTvServiceFixture>(fixture);

/// <summary>Recommendation query options over a real PostgreSQL server.</summary>
public sealed class PostgresRecommendationOptionsTests(PostgresTvServiceFixture fixture) : RecommendationOptionsContract<PostgresTvServiceFixture>(fixture);

/// <summary>Letterboxd uploads over the embedded SQLite store.</summary>
public sealed class SqliteRatingsUploadTests(SqliteTvServiceFixture fixture) : RatingsUploadContract<SqliteTvServiceFixture>(fixture);

/// <summary>Letterboxd uploads over a real PostgreSQL server.</summary>
public sealed class PostgresRatingsUploadTests(PostgresTvServiceFixture fixture) : RatingsUploadContract<PostgresTvServiceFixture>(fixture);
