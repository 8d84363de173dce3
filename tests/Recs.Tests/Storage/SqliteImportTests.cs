using Xunit.Abstractions;

namespace Recs.Tests.Storage;

public sealed class SqliteImportTests(ITestOutputHelper output) : ImportContract(output)
{
    protected override Task<TemporaryStore> CreateTemporaryStoreAsync() => Task.FromResult<TemporaryStore>(new TemporarySqliteStore());

    // The whole million-rating set takes about 10 s on SQLite, so it is imported in full here too.
    [SkippableFact]
    public Task Letterboxd_dataset_full_import_gives_the_published_counts() => ImportFullLetterboxdDatasetAsync();
}
